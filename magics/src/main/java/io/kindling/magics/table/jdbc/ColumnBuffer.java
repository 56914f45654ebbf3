package io.kindling.magics.table.jdbc;

import org.dflib.Series;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Collects one result column, row by row, in columnar form: a {@link ChunkedArray} of primitives (or
 * references) plus a null mask that is only allocated once a NULL arrives. Numeric and
 * boolean columns stay primitive; {@link #toSeries()} gives a primitive DFLib series when the column
 * had no NULLs and a boxed series with the NULLs in place when it had some.
 *
 * <p>Each column reads its cells with the typed getter that suits its type's kind (see
 * {@link #forType}), so values never pass through a per-row {@code Object[]}.
 *
 * <p>Why chunks rather than DFLib's accumulators (arrays that grow by doubling): on 1M rows of
 * tpch.sf1.lineitem, whose finished table takes 155 MiB, doubling needed a heap of 245 MiB (1.58x) to
 * complete the fetch, as a column's spare room and the copies made while growing come on top of the
 * values; chunks need 214 MiB (1.38x), measured by {@code make bench}'s "smallest -Xmx" row.
 */
abstract class ColumnBuffer {
    private BitSet nulls;

    /** Appends the current row's value of {@code column} (1-based, as JDBC counts). */
    abstract void append(ResultSet resultSet, int column) throws SQLException;

    /** The collected values; the buffer must not be used afterwards (its storage moves into the series). */
    abstract Series<?> toSeries();

    /** @param converter turns container and driver-specific values into plain Java */
    static ColumnBuffer forType(ColumnType type, ColumnValueConverter converter) {
        return switch (type.kind()) {
            case BIGINT -> new LongValues();
            case INTEGER, SMALLINT, TINYINT -> new IntValues();
            case REAL -> new FloatValues();
            case DOUBLE -> new DoubleValues();
            case BOOLEAN -> new BooleanValues();
            case DECIMAL -> new ObjectValues((resultSet, column) -> resultSet.getBigDecimal(column));
            case TEXT -> new ObjectValues(sharedTexts(new ColumnValueCache<String>(Function.identity())));
            case DATE -> new ObjectValues(sharedTexts(new ColumnValueCache<LocalDate>(ColumnTimeParser::parseDate)));
            case TIME -> new ObjectValues(texts(ColumnTimeParser::parseTime));
            case TIME_WITH_TIME_ZONE -> new ObjectValues(texts(ColumnTimeParser::parseTimeWithTimeZone));
            // trino-jdbc parses these from Trino's text itself, exactly (any precision, any era, no JVM time zone).
            case TIMESTAMP -> new ObjectValues((resultSet, column) -> resultSet.getObject(column, LocalDateTime.class));
            case TIMESTAMP_WITH_TIME_ZONE -> new ObjectValues((resultSet, column) -> resultSet.getObject(column, ZonedDateTime.class));
            case BINARY -> new ObjectValues(ColumnBuffer::bytes);
            case INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH, ARRAY, MAP, ROW, NULL, OTHER ->
                    new ObjectValues((resultSet, column) -> converter.toPlain(resultSet.getObject(column), type));
        };
    }

    private static CellReader sharedTexts(ColumnValueCache<?> cache) {
        return texts(cache::valueOf);
    }

    private static CellReader texts(Function<String, ?> parser) {
        return (resultSet, column) -> {
            String text = resultSet.getString(column);
            return text == null ? null : parser.apply(text);
        };
    }

    /** VARBINARY and Trino's sketch types (which trino-jdbc gives as byte[] but would print as "[B@..." from getString). */
    private static Object bytes(ResultSet resultSet, int column) throws SQLException {
        Object value = resultSet.getObject(column);
        if (value == null || value instanceof byte[]) {
            return value;
        }
        throw new SQLException("expected bytes, the driver returned " + value.getClass().getName());
    }

    final void markNull(int row) {
        if (nulls == null) {
            nulls = new BitSet();
        }
        nulls.set(row);
    }

    final boolean hasNulls() {
        return nulls != null;
    }

    /** The boxed series of a column that had NULLs: {@code boxed} filled from {@code valueAt}, NULLs in place. */
    final <T> Series<T> withNulls(T[] boxed, IntFunction<T> valueAt) {
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = nulls.get(i) ? null : valueAt.apply(i);
        }
        return Series.of(boxed);
    }

    /** Reads one cell of a column whose values are objects. */
    @FunctionalInterface
    interface CellReader {
        Object read(ResultSet resultSet, int column) throws SQLException;
    }

    static final class LongValues extends ColumnBuffer {
        private final ChunkedArray<long[]> values = new ChunkedArray<>(long[]::new);

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            long value = resultSet.getLong(column);
            if (value == 0 && resultSet.wasNull()) {      // getters return 0 for NULL; only then ask
                markNull(values.size());
            }
            values.chunk()[values.claim()] = value;
        }

        @Override
        Series<?> toSeries() {
            long[] all = values.toArray();
            return hasNulls() ? withNulls(new Long[all.length], i -> all[i]) : Series.ofLong(all);
        }
    }

    static final class IntValues extends ColumnBuffer {
        private final ChunkedArray<int[]> values = new ChunkedArray<>(int[]::new);

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            int value = resultSet.getInt(column);
            if (value == 0 && resultSet.wasNull()) {
                markNull(values.size());
            }
            values.chunk()[values.claim()] = value;
        }

        @Override
        Series<?> toSeries() {
            int[] all = values.toArray();
            return hasNulls() ? withNulls(new Integer[all.length], i -> all[i]) : Series.ofInt(all);
        }
    }

    static final class FloatValues extends ColumnBuffer {
        private final ChunkedArray<float[]> values = new ChunkedArray<>(float[]::new);

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            float value = resultSet.getFloat(column);
            if (value == 0 && resultSet.wasNull()) {
                markNull(values.size());
            }
            values.chunk()[values.claim()] = value;
        }

        @Override
        Series<?> toSeries() {
            float[] all = values.toArray();
            return hasNulls() ? withNulls(new Float[all.length], i -> all[i]) : Series.ofFloat(all);
        }
    }

    static final class DoubleValues extends ColumnBuffer {
        private final ChunkedArray<double[]> values = new ChunkedArray<>(double[]::new);

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            double value = resultSet.getDouble(column);
            if (value == 0 && resultSet.wasNull()) {
                markNull(values.size());
            }
            values.chunk()[values.claim()] = value;
        }

        @Override
        Series<?> toSeries() {
            double[] all = values.toArray();
            return hasNulls() ? withNulls(new Double[all.length], i -> all[i]) : Series.ofDouble(all);
        }
    }

    static final class BooleanValues extends ColumnBuffer {
        private final ChunkedArray<boolean[]> values = new ChunkedArray<>(boolean[]::new);

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            boolean value = resultSet.getBoolean(column);
            if (!value && resultSet.wasNull()) {
                markNull(values.size());
            }
            values.chunk()[values.claim()] = value;
        }

        @Override
        Series<?> toSeries() {
            boolean[] all = values.toArray();
            return hasNulls() ? withNulls(new Boolean[all.length], i -> all[i]) : Series.ofBool(all);
        }
    }

    /** Object-valued columns: NULL is simply a null element, so no mask is needed. */
    static final class ObjectValues extends ColumnBuffer {
        private final ChunkedArray<Object[]> values = new ChunkedArray<>(Object[]::new);
        private final CellReader reader;

        ObjectValues(CellReader reader) {
            this.reader = reader;
        }

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            Object value = reader.read(resultSet, column);
            values.chunk()[values.claim()] = value;
        }

        @Override
        Series<?> toSeries() {
            return Series.of(values.toArray());
        }
    }
}
