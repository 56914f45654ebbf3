package io.kindling.magics.table.jdbc;

import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads a JDBC result set into a DFLib {@link DataFrame}, column by column, with at most
 * {@code maxRows} rows held in memory. What is particular to one engine's driver (its type names, its
 * own value classes) comes from the {@link DriverTypes} it is given, e.g. Trino's.
 *
 * <p>Cells go straight into one growable primitive (or reference) array per column, never into
 * per-row objects, and come out with Java types that follow the column kinds (here with Trino's names): BIGINT as {@code long},
 * INTEGER/SMALLINT/TINYINT as {@code int}, REAL {@code float}, DOUBLE {@code double}, BOOLEAN,
 * DECIMAL {@code BigDecimal}, text types {@code String}, VARBINARY {@code byte[]}, DATE/TIME/TIMESTAMP
 * as {@code java.time}, ARRAY {@code List}, MAP {@code Map}, ROW {@code Map} (or {@code List} if
 * unnamed), nested values likewise. Columns without NULLs become primitive series; with NULLs,
 * boxed series that keep them. Duplicate labels are made unique ({@code n}, {@code n_2}).
 *
 * <p>When the result has more than {@code maxRows} rows the reader stops after the first
 * {@code maxRows} (it reads one row past them to know, never the rest) and says so in
 * {@link ReadResult#truncated()}; cancelling the query is then up to the caller, as is closing the
 * result set.
 *
 * <pre>{@code
 * ResultReader reader = new ResultReader(new TrinoTypes(), 1_000_000);
 * try (ResultSet rows = statement.executeQuery("SELECT * FROM tpch.tiny.orders")) {
 *     ReadResult result = reader.read(rows, count -> display.update(count + " rows"));
 *     DataFrame orders = result.dataFrame();
 * }
 * }</pre>
 */
public final class ResultReader {
    /** How often {@link RowProgress} hears about rows by default. */
    public static final int DEFAULT_PROGRESS_INTERVAL = 10_000;

    // DFLib series are int-indexed and Java arrays stop a little short of Integer.MAX_VALUE.
    private static final long MAX_ROWS_LIMIT = Integer.MAX_VALUE - 8;

    private final DriverTypes driverTypes;
    private final long maxRows;
    private final int progressInterval;

    /** A reader that keeps at most {@code maxRows} rows and reports progress every 10,000 rows. */
    public ResultReader(DriverTypes driverTypes, long maxRows) {
        this(driverTypes, maxRows, DEFAULT_PROGRESS_INTERVAL);
    }

    /** A reader that keeps at most {@code maxRows} rows and reports progress every {@code progressInterval} rows. */
    public ResultReader(DriverTypes driverTypes, long maxRows, int progressInterval) {
        this.driverTypes = requireNonNull(driverTypes, "driverTypes is null");
        if (maxRows < 0 || maxRows > MAX_ROWS_LIMIT) {
            throw new IllegalArgumentException("maxRows must be between 0 and " + MAX_ROWS_LIMIT + ", got " + maxRows);
        }
        if (progressInterval <= 0) {
            throw new IllegalArgumentException("progressInterval must be positive, got " + progressInterval);
        }
        this.maxRows = maxRows;
        this.progressInterval = progressInterval;
    }

    public long maxRows() {
        return maxRows;
    }

    /**
     * Reads the remaining rows of {@code resultSet}, up to {@link #maxRows()}.
     *
     * @param progress hears the running row count every {@code progressInterval} rows and once at the
     *                 end; it runs on the reading thread, so it should return quickly
     * @throws SQLException from the driver (e.g. the query failed or was cancelled while streaming),
     *                      or if a cell cannot be converted; the message names the column and row
     */
    public ReadResult read(ResultSet resultSet, RowProgress progress) throws SQLException {
        requireNonNull(resultSet, "resultSet is null");
        requireNonNull(progress, "progress is null");
        ResultSetMetaData metaData = resultSet.getMetaData();
        List<ColumnType> types = types(metaData);
        List<ColumnSchema> columns = describe(metaData, types);
        int width = columns.size();
        ColumnValueConverter converter = new ColumnValueConverter(driverTypes);
        ColumnBuffer[] buffers = new ColumnBuffer[width];
        for (int c = 0; c < width; c++) {
            buffers[c] = ColumnBuffer.forType(types.get(c), converter);
        }

        long rows = 0;
        boolean truncated = false;
        while (resultSet.next()) {
            if (rows == maxRows) {
                truncated = true;
                break;
            }
            for (int c = 0; c < width; c++) {
                try {
                    buffers[c].append(resultSet, c + 1);
                } catch (SQLException | RuntimeException e) {
                    throw cellFailure(columns.get(c), rows + 1, e);
                }
            }
            rows++;
            if (rows % progressInterval == 0) {
                progress.rowsRead(rows);
            }
        }
        progress.rowsRead(rows);

        Series<?>[] series = new Series<?>[width];
        for (int c = 0; c < width; c++) {
            series[c] = buffers[c].toSeries();
            buffers[c] = null;                    // let the accumulator's spare capacity go early
        }
        String[] labels = columns.stream().map(ColumnSchema::label).toArray(String[]::new);
        DataFrame dataFrame = DataFrame.byColumn(Index.of(labels)).of(series);
        return new ReadResult(dataFrame, rows, truncated, columns);
    }

    private static List<ColumnSchema> describe(ResultSetMetaData metaData, List<ColumnType> types) throws SQLException {
        List<String> labels = new ArrayList<>();
        for (int c = 1; c <= metaData.getColumnCount(); c++) {
            labels.add(metaData.getColumnLabel(c));
        }
        List<String> unique = ColumnLabels.unique(labels);
        List<ColumnSchema> columns = new ArrayList<>();
        for (int c = 0; c < unique.size(); c++) {
            columns.add(new ColumnSchema(unique.get(c), metaData.getColumnTypeName(c + 1), types.get(c).javaType()));
        }
        return List.copyOf(columns);
    }

    private static SQLException cellFailure(ColumnSchema column, long row, Exception cause) {
        return new SQLException("cannot read column '" + column.label() + "' (" + column.sqlType() + ") of row " + row
                + ": " + cause.getMessage(), cause);
    }

    private List<ColumnType> types(ResultSetMetaData metaData) throws SQLException {
        List<ColumnType> types = new ArrayList<>();
        for (int c = 1; c <= metaData.getColumnCount(); c++) {
            types.add(driverTypes.parse(metaData.getColumnTypeName(c)));
        }
        return types;
    }

    /** Hears how many rows have been read so far; called on the reading thread. */
    @FunctionalInterface
    public interface RowProgress {
        RowProgress NONE = rows -> { };

        void rowsRead(long rows);
    }
}
