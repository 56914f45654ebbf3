package io.kindling.magics.hive.jdbc;

import io.kindling.magics.table.jdbc.ColumnKind;
import io.kindling.magics.table.jdbc.ColumnType;
import io.kindling.magics.table.jdbc.DriverTypes;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Period;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the JDBC reader needs to know about HiveServer2's result types, as the Kyuubi driver names them
 * ({@code ResultSetMetaData.getColumnTypeName}: base names without parameters, {@code decimal},
 * {@code varchar}, {@code array}):
 * <ul>
 *   <li>{@code tinyint}, {@code smallint}, {@code int} as {@code int}; {@code bigint} {@code long};
 *       {@code float} {@code float}; {@code double} {@code double}; {@code decimal} {@code BigDecimal};
 *       {@code boolean}; {@code string}, {@code varchar}, {@code char} (padded, as Hive returns it)
 *       {@code String}; {@code binary} {@code byte[]};</li>
 *   <li>{@code date} {@code LocalDate}; {@code timestamp} {@code LocalDateTime} (nanoseconds kept);
 *       {@code timestamp with local time zone} {@code ZonedDateTime} in the session's zone;
 *       {@code interval_day_time} {@code Duration}, {@code interval_year_month} {@code Period};</li>
 *   <li>{@code array}, {@code map}, {@code struct}, {@code uniontype}: the server's text of the value,
 *       a {@code String} such as {@code {"x":1,"n":[{"q":"2024-01-01"}]}}. HiveServer2 sends complex
 *       values as text and does not say their element types (the metadata says only {@code array}), and
 *       the text is not always JSON ({@code map<int,string>} prints {@code {1:"a",-2:"b"}}, binary inside
 *       an array prints raw), so turning it into lists and maps would mean guessing types; the exact
 *       text is kept instead, for the notebook to parse with the types it knows;</li>
 *   <li>{@code void} (a bare NULL) as NULLs.</li>
 * </ul>
 */
public final class HiveTypes implements DriverTypes {
    private static final Map<String, ColumnKind> KINDS = Map.ofEntries(
            Map.entry("tinyint", ColumnKind.TINYINT),
            Map.entry("smallint", ColumnKind.SMALLINT),
            Map.entry("int", ColumnKind.INTEGER),
            Map.entry("integer", ColumnKind.INTEGER),
            Map.entry("bigint", ColumnKind.BIGINT),
            Map.entry("float", ColumnKind.REAL),
            Map.entry("double", ColumnKind.DOUBLE),
            Map.entry("double precision", ColumnKind.DOUBLE),
            Map.entry("decimal", ColumnKind.DECIMAL),
            Map.entry("numeric", ColumnKind.DECIMAL),
            Map.entry("boolean", ColumnKind.BOOLEAN),
            Map.entry("string", ColumnKind.TEXT),
            Map.entry("varchar", ColumnKind.TEXT),
            Map.entry("char", ColumnKind.TEXT),
            Map.entry("binary", ColumnKind.BINARY),
            Map.entry("date", ColumnKind.DATE),
            Map.entry("timestamp", ColumnKind.TIMESTAMP),
            Map.entry("timestamp with local time zone", ColumnKind.TIMESTAMP_WITH_TIME_ZONE),
            Map.entry("interval_day_time", ColumnKind.INTERVAL_DAY_TO_SECOND),
            Map.entry("interval_year_month", ColumnKind.INTERVAL_YEAR_TO_MONTH),
            Map.entry("array", ColumnKind.TEXT),
            Map.entry("map", ColumnKind.TEXT),
            Map.entry("struct", ColumnKind.TEXT),
            Map.entry("uniontype", ColumnKind.TEXT),
            Map.entry("void", ColumnKind.NULL),
            Map.entry("null", ColumnKind.NULL));

    /** Hive's day-time interval text: {@code 1 02:03:04.500000000}, {@code -1 02:03:04.000000000}. */
    private static final Pattern DAY_TIME = Pattern.compile("(-?)(\\d+) (\\d+):(\\d+):(\\d+)(?:\\.(\\d{1,9}))?");
    /** Hive's year-month interval text: {@code 1-2}, {@code -1-2}. */
    private static final Pattern YEAR_MONTH = Pattern.compile("(-?)(\\d+)-(\\d+)");

    @Override
    public ColumnType parse(String typeName) {
        String name = typeName == null ? "" : typeName.strip().toLowerCase(Locale.ROOT);
        int parameters = name.indexOf('(');
        int element = name.indexOf('<');
        int cut = parameters < 0 ? element : element < 0 ? parameters : Math.min(parameters, element);
        String base = (cut < 0 ? name : name.substring(0, cut)).strip();
        return ColumnType.of(base, KINDS.getOrDefault(base, ColumnKind.OTHER));
    }

    /** Intervals (the driver's own HiveIntervalDayTime / HiveIntervalYearMonth) from their text. */
    @Override
    public Object toPlain(Object value, ColumnType type, PlainValues nested) throws SQLException {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case INTERVAL_DAY_TO_SECOND -> dayTime(value.toString());
            case INTERVAL_YEAR_TO_MONTH -> yearMonth(value.toString());
            default -> value;
        };
    }

    static Duration dayTime(String text) throws SQLException {
        Matcher m = DAY_TIME.matcher(text.strip());
        if (!m.matches()) {
            throw new SQLException("not a day-time interval: " + text);
        }
        String fraction = m.group(6) == null ? "0" : (m.group(6) + "00000000").substring(0, 9);
        Duration duration = Duration.ofDays(Long.parseLong(m.group(2))).plusHours(Long.parseLong(m.group(3)))
                .plusMinutes(Long.parseLong(m.group(4))).plusSeconds(Long.parseLong(m.group(5)))
                .plusNanos(Long.parseLong(fraction));
        return m.group(1).isEmpty() ? duration : duration.negated();
    }

    static Period yearMonth(String text) throws SQLException {
        Matcher m = YEAR_MONTH.matcher(text.strip());
        if (!m.matches()) {
            throw new SQLException("not a year-month interval: " + text);
        }
        Period period = Period.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), 0);
        return m.group(1).isEmpty() ? period : period.negated();
    }
}
