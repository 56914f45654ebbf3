package io.kindling.magics.presto;

import org.dflib.BooleanSeries;
import org.dflib.DoubleSeries;
import org.dflib.FloatSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;
import org.dflib.builder.BoolAccum;
import org.dflib.builder.DoubleAccum;
import org.dflib.builder.FloatAccum;
import org.dflib.builder.IntAccum;
import org.dflib.builder.LongAccum;
import org.dflib.builder.ObjectAccum;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.function.Function;

/**
 * Collects one result column, row by row, in columnar form: a DFLib accumulator (a primitive array
 * that grows by doubling) plus a null mask that is only allocated once a NULL arrives. Numeric and
 * boolean columns stay primitive; {@link #toSeries()} gives a primitive DFLib series when the column
 * had no NULLs and a boxed series with the NULLs in place when it had some.
 *
 * <p>Each column reads its cells with the typed getter that suits its Trino type (see
 * {@link #forType}), so values never pass through a per-row {@code Object[]}.
 *
 * <p>Why DFLib's accumulators rather than chunked arrays: their doubling leaves up to half of each
 * array spare, but measured on 1M rows of tpch.sf1.lineitem the whole read still ran in a heap of
 * about 1.3x the finished DataFrame, so chunking was not worth its code.
 */
abstract class ColumnBuffer {
    private BitSet nulls;

    /** Appends the current row's value of {@code column} (1-based, as JDBC counts). */
    abstract void append(ResultSet resultSet, int column) throws SQLException;

    /** The collected values; the buffer must not be used afterwards (its storage moves into the series). */
    abstract Series<?> toSeries();

    static ColumnBuffer forType(ColumnType type) {
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
            // The driver parses these from Trino's text itself, exactly (any precision, any era, no JVM time zone).
            case TIMESTAMP -> new ObjectValues((resultSet, column) -> resultSet.getObject(column, LocalDateTime.class));
            case TIMESTAMP_WITH_TIME_ZONE -> new ObjectValues((resultSet, column) -> resultSet.getObject(column, ZonedDateTime.class));
            case BINARY -> new ObjectValues(ColumnBuffer::bytes);
            case INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH, ARRAY, MAP, ROW, NULL, OTHER ->
                    new ObjectValues((resultSet, column) -> ColumnValueConverter.toPlain(resultSet.getObject(column), type));
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

    /** VARBINARY and the sketch types (which trino-jdbc gives as byte[] but would print as "[B@..." from getString). */
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

    final boolean isNull(int row) {
        return nulls.get(row);
    }

    /** Reads one cell of a column whose values are objects. */
    @FunctionalInterface
    interface CellReader {
        Object read(ResultSet resultSet, int column) throws SQLException;
    }

    static final class LongValues extends ColumnBuffer {
        private final LongAccum values = new LongAccum();

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            long value = resultSet.getLong(column);
            if (value == 0 && resultSet.wasNull()) {      // getters return 0 for NULL; only then ask
                markNull(values.size());
            }
            values.pushLong(value);
        }

        @Override
        Series<?> toSeries() {
            LongSeries series = values.toSeries();
            if (!hasNulls()) {
                return series;
            }
            Long[] boxed = new Long[series.size()];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = isNull(i) ? null : series.getLong(i);
            }
            return Series.of(boxed);
        }
    }

    static final class IntValues extends ColumnBuffer {
        private final IntAccum values = new IntAccum();

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            int value = resultSet.getInt(column);
            if (value == 0 && resultSet.wasNull()) {
                markNull(values.size());
            }
            values.pushInt(value);
        }

        @Override
        Series<?> toSeries() {
            IntSeries series = values.toSeries();
            if (!hasNulls()) {
                return series;
            }
            Integer[] boxed = new Integer[series.size()];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = isNull(i) ? null : series.getInt(i);
            }
            return Series.of(boxed);
        }
    }

    static final class FloatValues extends ColumnBuffer {
        private final FloatAccum values = new FloatAccum();

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            float value = resultSet.getFloat(column);
            if (value == 0 && resultSet.wasNull()) {
                markNull(values.size());
            }
            values.pushFloat(value);
        }

        @Override
        Series<?> toSeries() {
            FloatSeries series = values.toSeries();
            if (!hasNulls()) {
                return series;
            }
            Float[] boxed = new Float[series.size()];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = isNull(i) ? null : series.getFloat(i);
            }
            return Series.of(boxed);
        }
    }

    static final class DoubleValues extends ColumnBuffer {
        private final DoubleAccum values = new DoubleAccum();

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            double value = resultSet.getDouble(column);
            if (value == 0 && resultSet.wasNull()) {
                markNull(values.size());
            }
            values.pushDouble(value);
        }

        @Override
        Series<?> toSeries() {
            DoubleSeries series = values.toSeries();
            if (!hasNulls()) {
                return series;
            }
            Double[] boxed = new Double[series.size()];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = isNull(i) ? null : series.getDouble(i);
            }
            return Series.of(boxed);
        }
    }

    static final class BooleanValues extends ColumnBuffer {
        private final BoolAccum values = new BoolAccum();

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            boolean value = resultSet.getBoolean(column);
            if (!value && resultSet.wasNull()) {
                markNull(values.size());
            }
            values.pushBool(value);
        }

        @Override
        Series<?> toSeries() {
            BooleanSeries series = values.toSeries();
            if (!hasNulls()) {
                return series;
            }
            Boolean[] boxed = new Boolean[series.size()];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = isNull(i) ? null : series.getBool(i);
            }
            return Series.of(boxed);
        }
    }

    /** Object-valued columns: NULL is simply a null element, so no mask is needed. */
    static final class ObjectValues extends ColumnBuffer {
        private final ObjectAccum<Object> values = new ObjectAccum<>();
        private final CellReader reader;

        ObjectValues(CellReader reader) {
            this.reader = reader;
        }

        @Override
        void append(ResultSet resultSet, int column) throws SQLException {
            values.push(reader.read(resultSet, column));
        }

        @Override
        Series<?> toSeries() {
            return values.toSeries();
        }
    }
}
