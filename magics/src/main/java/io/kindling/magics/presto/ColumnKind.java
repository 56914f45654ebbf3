package io.kindling.magics.presto;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The families of Trino types the result reader distinguishes, each with the Java type its values
 * become. SMALLINT and TINYINT widen to {@code int} because DFLib has primitive int series but no
 * short or byte ones.
 */
enum ColumnKind {
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

    Class<?> javaType() {
        return javaType;
    }

    /** The kind of a base type name without parameters, e.g. {@code "timestamp with time zone"} or {@code "HyperLogLog"}. */
    static ColumnKind ofBaseName(String baseName) {
        switch (baseName.toLowerCase(Locale.ROOT)) {
            case "bigint":
                return BIGINT;
            case "integer":
            case "int":
                return INTEGER;
            case "smallint":
                return SMALLINT;
            case "tinyint":
                return TINYINT;
            case "real":
                return REAL;
            case "double":
                return DOUBLE;
            case "boolean":
                return BOOLEAN;
            case "decimal":
                return DECIMAL;
            case "varchar":
            case "char":
            case "json":
            case "uuid":
            case "ipaddress":
                return TEXT;
            case "varbinary":
            case "hyperloglog":
            case "p4hyperloglog":
            case "qdigest":
            case "tdigest":
            case "setdigest":
                return BINARY;
            case "date":
                return DATE;
            case "time":
                return TIME;
            case "time with time zone":
                return TIME_WITH_TIME_ZONE;
            case "timestamp":
                return TIMESTAMP;
            case "timestamp with time zone":
                return TIMESTAMP_WITH_TIME_ZONE;
            case "interval day to second":
                return INTERVAL_DAY_TO_SECOND;
            case "interval year to month":
                return INTERVAL_YEAR_TO_MONTH;
            case "array":
                return ARRAY;
            case "map":
                return MAP;
            case "row":
                return ROW;
            case "unknown":
                return NULL;
            default:
                return OTHER;
        }
    }
}
