package io.kindling.magics.hive.jdbc;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * One result column as a Parquet field (all optional), and how its cell is read and written:
 * <ul>
 *   <li>{@code boolean} BOOLEAN; {@code tinyint}/{@code smallint} INT32 annotated INT(8)/INT(16);
 *       {@code int} INT32; {@code bigint} INT64; {@code float} FLOAT; {@code double} DOUBLE;</li>
 *   <li>{@code decimal(p,s)} DECIMAL(p,s) on INT32 (p ≤ 9), INT64 (p ≤ 18) or a fixed-length byte array,
 *       as Spark writes it;</li>
 *   <li>{@code string}, {@code varchar}, {@code char} STRING; {@code binary} BINARY;</li>
 *   <li>{@code date} DATE; {@code timestamp} TIMESTAMP(MICROS) not adjusted to UTC (a wall-clock time,
 *       Spark's TIMESTAMP_NTZ; nanoseconds beyond the microsecond are dropped, as Spark cannot read
 *       NANOS); {@code timestamp with local time zone} TIMESTAMP(MICROS) adjusted to UTC (an instant);</li>
 *   <li>{@code array}, {@code map}, {@code struct}, {@code uniontype}, intervals and unknown types:
 *       STRING holding the server's text of the value (see {@link HiveTypes}); {@code void}: STRING, all NULL.</li>
 * </ul>
 */
final class ParquetColumn {
    private final int index;
    private final PrimitiveType type;
    private final Cell cell;
    private final Emitter emitter;

    private ParquetColumn(int index, PrimitiveType type, Cell cell, Emitter emitter) {
        this.index = index;
        this.type = requireNonNull(type, "type is null");
        this.cell = requireNonNull(cell, "cell is null");
        this.emitter = requireNonNull(emitter, "emitter is null");
    }

    /**
     * @param index     the JDBC column (1-based)
     * @param name      the field's name
     * @param hiveType  the type name the driver reports, e.g. {@code decimal}
     * @param precision the decimal precision the driver reports
     * @param scale     the decimal scale
     */
    static ParquetColumn of(int index, String name, String hiveType, int precision, int scale) {
        String base = new HiveTypes().parse(hiveType).name();
        return switch (base) {
            case "boolean" -> new ParquetColumn(index, optional(PrimitiveTypeName.BOOLEAN, null, name),
                    (rs, c) -> nullable(rs, rs.getBoolean(c)), (out, v) -> out.addBoolean((Boolean) v));
            case "tinyint", "smallint", "int", "integer" -> new ParquetColumn(index, optional(PrimitiveTypeName.INT32,
                    base.equals("tinyint") ? LogicalTypeAnnotation.intType(8, true)
                            : base.equals("smallint") ? LogicalTypeAnnotation.intType(16, true) : null, name),
                    (rs, c) -> nullable(rs, rs.getInt(c)), (out, v) -> out.addInteger((Integer) v));
            case "bigint" -> new ParquetColumn(index, optional(PrimitiveTypeName.INT64, null, name),
                    (rs, c) -> nullable(rs, rs.getLong(c)), (out, v) -> out.addLong((Long) v));
            case "float" -> new ParquetColumn(index, optional(PrimitiveTypeName.FLOAT, null, name),
                    (rs, c) -> nullable(rs, rs.getFloat(c)), (out, v) -> out.addFloat((Float) v));
            case "double", "double precision" -> new ParquetColumn(index, optional(PrimitiveTypeName.DOUBLE, null, name),
                    (rs, c) -> nullable(rs, rs.getDouble(c)), (out, v) -> out.addDouble((Double) v));
            case "decimal", "numeric" -> precision >= 1 && precision <= 38 && scale >= 0 && scale <= precision
                    ? decimal(index, name, precision, scale) : text(index, name);
            case "binary" -> new ParquetColumn(index, optional(PrimitiveTypeName.BINARY, null, name),
                    ParquetColumn::bytes, (out, v) -> out.addBinary(Binary.fromConstantByteArray((byte[]) v)));
            case "date" -> new ParquetColumn(index, optional(PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType(), name),
                    (rs, c) -> {
                        String text = rs.getString(c);
                        return text == null ? null : Math.toIntExact(LocalDate.parse(text).toEpochDay());
                    }, (out, v) -> out.addInteger((Integer) v));
            case "timestamp" -> new ParquetColumn(index, optional(PrimitiveTypeName.INT64,
                    LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS), name),
                    (rs, c) -> {
                        Timestamp value = rs.getTimestamp(c);
                        return value == null ? null : micros(value.toLocalDateTime().toEpochSecond(ZoneOffset.UTC), value.getNanos());
                    }, (out, v) -> out.addLong((Long) v));
            case "timestamp with local time zone" -> new ParquetColumn(index, optional(PrimitiveTypeName.INT64,
                    LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS), name),
                    (rs, c) -> {
                        ZonedDateTime value = HiveResultSets.zoned(rs.getString(c));
                        return value == null ? null : micros(value.toEpochSecond(), value.getNano());
                    }, (out, v) -> out.addLong((Long) v));
            case "void", "null" -> new ParquetColumn(index, optional(PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), name),
                    (rs, c) -> null, (out, v) -> { });
            default -> text(index, name);
        };
    }

    PrimitiveType type() {
        return type;
    }

    /** Writes this column's cell of the current row as field {@code field}; a NULL is an absent field. */
    void write(ResultSet row, RecordConsumer out, int field) throws SQLException {
        Object value = cell.read(row, index);
        if (value != null) {
            out.startField(type.getName(), field);
            emitter.emit(out, value);
            out.endField(type.getName(), field);
        }
    }

    private static ParquetColumn text(int index, String name) {
        return new ParquetColumn(index, optional(PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), name),
                ResultSet::getString, (out, v) -> out.addBinary(Binary.fromString((String) v)));
    }

    private static ParquetColumn decimal(int index, String name, int precision, int scale) {
        LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(scale, precision);
        Cell unscaled = (rs, c) -> {
            BigDecimal value = rs.getBigDecimal(c);
            return value == null ? null : unscaled(value, scale, precision);
        };
        if (precision <= 9) {
            return new ParquetColumn(index, optional(PrimitiveTypeName.INT32, annotation, name), unscaled,
                    (out, v) -> out.addInteger(((BigInteger) v).intValueExact()));
        }
        if (precision <= 18) {
            return new ParquetColumn(index, optional(PrimitiveTypeName.INT64, annotation, name), unscaled,
                    (out, v) -> out.addLong(((BigInteger) v).longValueExact()));
        }
        int length = bytesFor(precision);
        PrimitiveType type = Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(length).as(annotation).named(name);
        return new ParquetColumn(index, type, unscaled, (out, v) -> {
            byte[] bytes = ((BigInteger) v).toByteArray();
            byte[] fixed = new byte[length];
            Arrays.fill(fixed, 0, length - bytes.length, (byte) (bytes[0] < 0 ? 0xFF : 0x00));    // sign-extended, big-endian
            System.arraycopy(bytes, 0, fixed, length - bytes.length, bytes.length);
            out.addBinary(Binary.fromConstantByteArray(fixed));
        });
    }

    private static BigInteger unscaled(BigDecimal value, int scale, int precision) throws SQLException {
        try {
            BigDecimal scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
            if (scaled.precision() > precision) {
                throw new SQLException(value + " does not fit decimal(" + precision + "," + scale + ")");
            }
            return scaled.unscaledValue();
        } catch (ArithmeticException e) {
            throw new SQLException(value + " does not fit decimal(" + precision + "," + scale + ")", e);
        }
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
    static int bytesFor(int precision) {
        BigInteger largest = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        return largest.bitLength() / 8 + 1;
    }

    private static Object bytes(ResultSet rs, int c) throws SQLException {
        Object value = rs.getObject(c);
        return value == null || value instanceof byte[] ? value : rs.getString(c).getBytes(StandardCharsets.UTF_8);
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static long micros(long epochSecond, int nanos) {
        return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), nanos / 1_000);
    }

    private static PrimitiveType optional(PrimitiveTypeName primitive, LogicalTypeAnnotation annotation, String name) {
        return Types.optional(primitive).as(annotation).named(name);
    }

    /** Reads one cell: its value, or null for NULL. */
    @FunctionalInterface
    private interface Cell {
        Object read(ResultSet row, int column) throws SQLException;
    }

    /** Adds a non-NULL value to the field being written. */
    @FunctionalInterface
    private interface Emitter {
        void emit(RecordConsumer out, Object value);
    }

    @Override
    public String toString() {
        return type.toString().toLowerCase(Locale.ROOT);
    }
}
