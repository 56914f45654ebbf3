package io.kindling.magics.table.jdbc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * The families of SQL types the result reader distinguishes, each with the Java type its values
 * become and the getter it reads them with. SMALLINT and TINYINT widen to {@code int} because DFLib
 * has primitive int series but no short or byte ones. Which type names belong to which family is the
 * engine's business ({@link DriverTypes}).
 */
public enum ColumnKind {
    BIGINT(Long.class),
    INTEGER(Integer.class),
    SMALLINT(Integer.class),
    TINYINT(Integer.class),
    REAL(Float.class),
    DOUBLE(Double.class),
    BOOLEAN(Boolean.class),
    DECIMAL(BigDecimal.class),
    /** VARCHAR, CHAR (padded, as Trino returns it), JSON, UUID, IPADDRESS. */
    TEXT(String.class),
    /** VARBINARY and Trino's serialized sketches (HyperLogLog, qdigest, ...). */
    BINARY(byte[].class),
    DATE(LocalDate.class),
    TIME(LocalTime.class),
    TIME_WITH_TIME_ZONE(OffsetTime.class),
    TIMESTAMP(LocalDateTime.class),
    TIMESTAMP_WITH_TIME_ZONE(ZonedDateTime.class),
    INTERVAL_DAY_TO_SECOND(Duration.class),
    INTERVAL_YEAR_TO_MONTH(Period.class),
    ARRAY(List.class),
    MAP(Map.class),
    /** Map of field name to value, or a List when the fields have no names; see {@link ColumnType#javaType()}. */
    ROW(Object.class),
    /** The type of a bare {@code NULL} literal. */
    NULL(Object.class),
    /** A type this reader does not know (e.g. from a plugin): whatever plain Java value the driver gives. */
    OTHER(Object.class);

    private final Class<?> javaType;

    ColumnKind(Class<?> javaType) {
        this.javaType = javaType;
    }

    public Class<?> javaType() {
        return javaType;
    }
}
