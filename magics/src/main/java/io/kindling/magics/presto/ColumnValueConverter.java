package io.kindling.magics.presto;

import io.trino.jdbc.Row;
import io.trino.jdbc.RowField;
import io.trino.jdbc.TrinoIntervalDayTime;
import io.trino.jdbc.TrinoIntervalYearMonth;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what trino-jdbc's {@code getObject} returns for ARRAY, MAP, ROW and INTERVAL values into
 * plain Java, recursively, so notebook users never hold driver classes: {@code java.sql.Array} and
 * lists become unmodifiable {@link List}s, maps unmodifiable {@link LinkedHashMap}s, a
 * {@code io.trino.jdbc.Row} a {@code Map<String, Object>} of field name to value (or a {@code List}
 * when its fields have no names), intervals {@link Duration} / {@link Period}. NULLs stay null.
 *
 * <p>Inside containers the driver has already turned temporal values into {@code java.sql} types in
 * the JVM's default time zone; they become {@code java.time} values here. That loses what the
 * driver lost: TIME keeps only milliseconds, and TIMESTAMP/TIME WITH TIME ZONE keep the instant but
 * come back in UTC. (Top-level temporal columns are read exactly; see {@link ColumnBuffer}.)
 */
final class ColumnValueConverter {
    private ColumnValueConverter() {
    }

    /** {@code value} as plain Java; {@code type} says what it is (or {@link ColumnType#UNKNOWN}). */
    static Object toPlain(Object value, ColumnType type) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof Array array) {
            try {
                return list((Object[]) array.getArray(), type.child(0));
            } finally {
                array.free();
            }
        }
        if (value instanceof List<?> elements) {
            return list(elements.toArray(), type.child(0));
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> plain = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                plain.put(toPlain(entry.getKey(), type.child(0)), toPlain(entry.getValue(), type.child(1)));
            }
            return Collections.unmodifiableMap(plain);
        }
        if (value instanceof Row row) {
            return row(row, type);
        }
        if (value instanceof Timestamp timestamp) {
            return type.kind() == ColumnKind.TIMESTAMP_WITH_TIME_ZONE
                    ? ZonedDateTime.ofInstant(timestamp.toInstant(), ZoneOffset.UTC)
                    : timestamp.toLocalDateTime();
        }
        if (value instanceof Time time) {
            if (type.kind() == ColumnKind.TIME_WITH_TIME_ZONE) {
                return OffsetTime.ofInstant(Instant.ofEpochMilli(time.getTime()), ZoneOffset.UTC);
            }
            // toLocalTime() drops the milliseconds the Time still has
            LocalTime seconds = time.toLocalTime();
            return seconds.withNano((int) Math.floorMod(time.getTime(), 1000L) * 1_000_000);
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof TrinoIntervalDayTime interval) {
            return Duration.ofMillis(interval.getMilliSeconds());
        }
        if (value instanceof TrinoIntervalYearMonth interval) {
            return Period.ofMonths(interval.getMonths()).normalized();
        }
        return value;      // String, boxed numbers, Boolean, BigDecimal, byte[]
    }

    private static List<Object> list(Object[] elements, ColumnType elementType) throws SQLException {
        List<Object> plain = new ArrayList<>(elements.length);
        for (Object element : elements) {
            plain.add(toPlain(element, elementType));
        }
        return Collections.unmodifiableList(plain);
    }

    private static Object row(Row row, ColumnType type) throws SQLException {
        List<RowField> fields = row.getFields();
        boolean knowsFields = type.kind() == ColumnKind.ROW && type.knowsFields();
        boolean named = knowsFields ? type.hasFieldNames() : fields.stream().anyMatch(field -> field.getName().isPresent());
        if (!named) {
            List<Object> values = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                values.add(toPlain(fields.get(i).getValue(), type.child(i)));
            }
            return Collections.unmodifiableList(values);
        }
        List<String> names = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            names.add(fields.get(i).getName().orElse("field" + i));   // the driver's own name for unnamed fields
        }
        // Trino allows ROW(a int, a int); map keys must still be unique (a, a_2).
        List<String> keys = ColumnLabels.unique(names);
        Map<String, Object> values = new LinkedHashMap<>(Math.max(4, fields.size() * 2));
        for (int i = 0; i < fields.size(); i++) {
            values.put(keys.get(i), toPlain(fields.get(i).getValue(), type.child(i)));
        }
        return Collections.unmodifiableMap(values);
    }
}
