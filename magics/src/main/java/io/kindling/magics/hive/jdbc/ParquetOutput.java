package io.kindling.magics.hive.jdbc;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * A result written to a Parquet file by {@link ParquetResultWriter}.
 *
 * @param path  the complete file
 * @param rows  rows written
 * @param bytes the file's size
 */
public record ParquetOutput(Path path, long rows, long bytes) {
    public ParquetOutput {
        requireNonNull(path, "path is null");
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("rows and bytes must not be negative: " + rows + ", " + bytes);
        }
    }
}
