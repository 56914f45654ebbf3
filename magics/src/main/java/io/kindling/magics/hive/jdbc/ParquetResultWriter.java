package io.kindling.magics.hive.jdbc;

import io.kindling.magics.table.jdbc.ColumnLabels;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Streams a HiveServer2 result set into one local Parquet file, row by row, so results bigger than
 * memory can be kept ({@code --out}): the driver fetches {@code fetch_size} rows at a time and the
 * writer holds one row group (128 MiB by default) before it goes to disk.
 *
 * <p>The file is written as {@code .<name>.inprogress-<uuid>} beside {@code target} (a hidden name, which
 * Spark and {@code ParquetTable} skip) and renamed to {@code target} only once complete, replacing a file
 * already there in one step; a failure or a cancel deletes the staging file, so nothing that looks
 * complete is left behind. Column types: see {@link ParquetColumn}; compression Snappy.
 * <pre>{@code
 * ParquetOutput out = ParquetResultWriter.write(resultSet, Path.of("out/rides.parquet"));
 * out.rows();   // 1048576
 * }</pre>
 */
public final class ParquetResultWriter {
    private ParquetResultWriter() {
    }

    /**
     * Writes the remaining rows of {@code rows} to {@code target} (its directory is created if missing).
     *
     * @throws SQLException from the driver, e.g. the query failed or was cancelled while streaming
     * @throws IOException  if the file cannot be written
     */
    public static ParquetOutput write(ResultSet rows, Path target) throws SQLException, IOException {
        requireNonNull(rows, "rows is null");
        Path file = requireNonNull(target, "target is null").toAbsolutePath();
        List<ParquetColumn> columns = columns(rows.getMetaData());
        MessageType schema = new MessageType("hive_result", columns.stream().<Type>map(ParquetColumn::type).toList());
        Files.createDirectories(file.getParent());
        Path staging = file.resolveSibling("." + file.getFileName() + ".inprogress-" + UUID.randomUUID());
        long written = 0;
        try {
            try (ParquetWriter<ResultSet> writer = new Builder(new LocalOutputFile(staging), schema, columns)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.CREATE)
                    .build()) {
                while (rows.next()) {
                    writer.write(rows);
                    written++;
                }
            } catch (RowFailure e) {
                throw e.getCause();
            }
            try {
                Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(staging);
        }
        return new ParquetOutput(file, written, Files.size(file));
    }

    static List<ParquetColumn> columns(ResultSetMetaData metaData) throws SQLException {
        List<String> labels = new ArrayList<>();
        for (int c = 1; c <= metaData.getColumnCount(); c++) {
            labels.add(metaData.getColumnLabel(c));
        }
        List<String> names = ColumnLabels.unique(labels);
        List<ParquetColumn> columns = new ArrayList<>();
        for (int c = 1; c <= names.size(); c++) {
            columns.add(ParquetColumn.of(c, names.get(c - 1), metaData.getColumnTypeName(c),
                    metaData.getPrecision(c), metaData.getScale(c)));
        }
        return List.copyOf(columns);
    }

    private static final class Builder extends ParquetWriter.Builder<ResultSet, Builder> {
        private final MessageType schema;
        private final List<ParquetColumn> columns;

        Builder(OutputFile file, MessageType schema, List<ParquetColumn> columns) {
            super(file);
            this.schema = schema;
            this.columns = columns;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation")    // abstract still; the ParquetConfiguration variant below is the new one
        protected WriteSupport<ResultSet> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema, columns);
        }

        @Override
        protected WriteSupport<ResultSet> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema, columns);
        }
    }

    /** Writes the result set's current row as one Parquet record. */
    private static final class RowWriteSupport extends WriteSupport<ResultSet> {
        private final MessageType schema;
        private final List<ParquetColumn> columns;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema, List<ParquetColumn> columns) {
            this.schema = schema;
            this.columns = columns;
        }

        @Override
        @SuppressWarnings("deprecation")    // abstract still; the ParquetConfiguration variant below is the new one
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of("writer", "kindling hiveserver2"));
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of("writer", "kindling hiveserver2"));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(ResultSet row) {
            consumer.startMessage();
            for (int i = 0; i < columns.size(); i++) {
                try {
                    columns.get(i).write(row, consumer, i);
                } catch (SQLException e) {
                    throw new RowFailure(e);
                }
            }
            consumer.endMessage();
        }
    }

    /** Carries a driver failure out of Parquet's unchecked write path. */
    private static final class RowFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
