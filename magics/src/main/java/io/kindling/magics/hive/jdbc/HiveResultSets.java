package io.kindling.magics.hive.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.DateTimeException;
import java.time.temporal.ChronoField;

/**
 * Gives the Kyuubi driver's result sets the {@code java.time} conversions of {@code getObject(int, Class)}
 * that {@link io.kindling.magics.table.jdbc.ResultReader} reads TIMESTAMP columns with, and that the
 * driver does not have (it throws {@code SQLFeatureNotSupportedException}):
 * <ul>
 *   <li>{@code LocalDateTime}: from the driver's {@code java.sql.Timestamp}, field by field, so the
 *       nanoseconds and the wall-clock time the server sent are kept (the driver parses the server's
 *       text with {@code Timestamp.valueOf}, in the JVM's time zone; a time that falls in that zone's
 *       daylight-saving gap comes back shifted by the gap, which no conversion afterwards can undo);</li>
 *   <li>{@code ZonedDateTime}: TIMESTAMP WITH LOCAL TIME ZONE, from its text
 *       {@code 2024-01-02 03:04:05.0 Etc/UTC}.</li>
 * </ul>
 * Every other call goes to the driver's result set unchanged.
 */
final class HiveResultSets {
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private HiveResultSets() {
    }

    static ResultSet withJavaTime(ResultSet rows) {
        return (ResultSet) Proxy.newProxyInstance(HiveResultSets.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getObject") && args != null && args.length == 2
                            && args[0] instanceof Integer column && args[1] instanceof Class<?> type) {
                        if (type == LocalDateTime.class) {
                            Timestamp timestamp = rows.getTimestamp(column);
                            return timestamp == null ? null : timestamp.toLocalDateTime();
                        }
                        if (type == ZonedDateTime.class) {
                            return zoned(rows.getString(column));
                        }
                    }
                    try {
                        return method.invoke(rows, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** {@code 2024-01-02 03:04:05.123 America/New_York}, as Hive prints TIMESTAMP WITH LOCAL TIME ZONE. */
    static ZonedDateTime zoned(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        int space = text.lastIndexOf(' ');
        try {
            return ZonedDateTime.of(LocalDateTime.parse(text.substring(0, space), DATE_TIME), ZoneId.of(text.substring(space + 1)));
        } catch (DateTimeException | StringIndexOutOfBoundsException e) {
            throw new SQLException("not a timestamp with a time zone: " + text, e);
        }
    }
}
