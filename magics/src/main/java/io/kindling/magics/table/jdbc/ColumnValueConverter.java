package io.kindling.magics.table.jdbc;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Turns what a driver's {@code getObject} returns for ARRAY, MAP, ROW, INTERVAL and unknown types into
 * plain Java, recursively, so notebook users never hold driver classes: {@code java.sql.Array} and
 * lists become unmodifiable {@link List}s, maps unmodifiable {@link LinkedHashMap}s; the driver's own
 * classes (a Trino {@code Row}, an interval) are the {@link DriverTypes}' to convert. NULLs stay null.
 *
 * <p>Inside containers drivers such as trino-jdbc have already turned temporal values into
 * {@code java.sql} types in the JVM's default time zone; they become {@code java.time} values here.
 * That loses what the driver lost: TIME keeps only milliseconds, and TIMESTAMP/TIME WITH TIME ZONE
 * keep the instant but come back in UTC. (Top-level temporal columns are read exactly; see
 * {@link ColumnBuffer}.)
 */
final class ColumnValueConverter implements DriverTypes.PlainValues {
    private final DriverTypes driver;

    ColumnValueConverter(DriverTypes driver) {
        this.driver = requireNonNull(driver, "driver is null");
    }

    /** {@code value} as plain Java; {@code type} says what it is (or {@link ColumnType#UNKNOWN}). */
    @Override
    public Object toPlain(Object value, ColumnType type) throws SQLException {
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
        return driver.toPlain(value, type, this);     // the driver's own classes; else String, numbers, byte[] as they are
    }

    private List<Object> list(Object[] elements, ColumnType elementType) throws SQLException {
        List<Object> plain = new ArrayList<>(elements.length);
        for (Object element : elements) {
            plain.add(toPlain(element, elementType));
        }
        return Collections.unmodifiableList(plain);
    }
}
