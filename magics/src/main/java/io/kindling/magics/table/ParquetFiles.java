package io.kindling.magics.table;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Parquet directory holds, from a listing and the files' footers, without reading any column:
 * data files, their bytes and their rows. Files and directories whose name starts with {@code _} or
 * {@code .} (Spark's {@code _SUCCESS}, {@code _temporary/}, checksum files {@code .part-0.crc}) are not
 * data, as Spark itself skips them when reading.
 *
 * @param files data files
 * @param bytes their sizes summed
 * @param rows  the row counts in their footers summed
 */
record ParquetFiles(int files, long bytes, long rows) {
    static ParquetFiles scan(URI location, Configuration hadoop) {
        Path root = new Path(location);
        List<LocatedFileStatus> data = new ArrayList<>();
        try {
            FileSystem fileSystem = root.getFileSystem(hadoop);
            RemoteIterator<LocatedFileStatus> listing = fileSystem.listFiles(root, true);
            while (listing.hasNext()) {
                LocatedFileStatus file = listing.next();
                if (!isHidden(root, file.getPath())) {
                    data.add(file);
                }
            }
        } catch (IOException e) {
            throw new MagicError(ErrorName.NO_TABLE_FILES, "cannot list " + location + ": " + e.getMessage(), List.of(), e);
        }
        if (data.isEmpty()) {
            throw new MagicError(ErrorName.NO_TABLE_FILES, location + " holds no Parquet data files");
        }
        long bytes = 0;
        long rows = 0;
        for (LocatedFileStatus file : data) {
            bytes += file.getLen();
            rows += rowCount(file, hadoop);
        }
        return new ParquetFiles(data.size(), bytes, rows);
    }

    private static long rowCount(LocatedFileStatus file, Configuration hadoop) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, hadoop))) {
            return reader.getRecordCount();
        } catch (IOException | RuntimeException e) {
            throw new MagicError(ErrorName.NO_TABLE_FILES, file.getPath() + " is not a readable Parquet file: " + e.getMessage(),
                    List.of(), e);
        }
    }

    /** Whether any name between the root and the file (the file's own included) marks it as not data. */
    private static boolean isHidden(Path root, Path file) {
        String rootPath = Path.getPathWithoutSchemeAndAuthority(root).toString();
        for (Path at = file; at != null; at = at.getParent()) {
            if (Path.getPathWithoutSchemeAndAuthority(at).toString().equals(rootPath)) {
                return false;
            }
            String name = at.getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
