package io.kindling.magics.table;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dflib.Series;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The Spark type of a DFLib column: from the series' nominal type when that says enough (primitive
 * series, a typed series of Strings), else from its non-NULL values, which must all agree. Decimals
 * widen to hold every value (integer digits and scale, at most 38 digits); lists, maps and structs merge
 * their element types. Where no value tells (an all-NULL column, empty lists) the type is STRING.
 */
final class ColumnTypeInference {
    /** Decimal digits Spark can hold. */
    static final int MAX_PRECISION = DecimalType.MAX_PRECISION();

    private ColumnTypeInference() {
    }

    static DataType infer(String column, Series<?> series) {
        DataType nominal = ScalarTypes.of(series.getNominalType()).orElse(null);
        if (nominal != null) {
            return nominal;
        }
        DataType merged = DataTypes.NullType;
        Class<?> firstClass = null;
        Class<?> lastClass = null;
        int size = series.size();
        for (int i = 0; i < size; i++) {
            Object value = series.get(i);
            if (value == null) {
                continue;
            }
            Class<?> type = value.getClass();
            // Most columns hold one class of fixed Spark type: after the first value, a class check suffices.
            if (type == lastClass && (isFixed(type) || fitsDecimal(value, merged))) {
                continue;
            }
            DataType valueType = typeOf(value, column);
            try {
                merged = merge(merged, valueType);
            } catch (Mismatch mismatch) {
                throw new MagicError(ErrorName.UNSUPPORTED_TYPE, "column '" + column + "' mixes " + firstClass.getName()
                        + " and " + type.getName() + " values (" + merged.simpleString() + " vs " + valueType.simpleString()
                        + "); a column's values must all have one type");
            }
            if (firstClass == null) {
                firstClass = type;
            }
            lastClass = type;
        }
        return settle(merged);
    }

    private static boolean fitsDecimal(Object value, DataType column) {
        return value instanceof BigDecimal decimal && column instanceof DecimalType type
                && Math.max(decimal.scale(), 0) <= type.scale()
                && decimal.precision() - decimal.scale() <= type.precision() - type.scale();
    }

    private static boolean isFixed(Class<?> type) {
        return ScalarTypes.of(type).isPresent() || type.isRecord();
    }

    /** The type of one value, with NullType where nothing tells (NULL, an empty list). */
    static DataType typeOf(Object value, String column) {
        if (value == null) {
            return DataTypes.NullType;
        }
        DataType scalar = ScalarTypes.of(value.getClass()).orElse(null);
        if (scalar != null) {
            return scalar;
        }
        if (value instanceof BigDecimal decimal) {
            int scale = Math.max(decimal.scale(), 0);
            int integerDigits = Math.max(decimal.precision() - decimal.scale(), 0);
            return decimal(integerDigits, scale, column);
        }
        if (value instanceof Record record) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> type = (Class<? extends Record>) record.getClass();
            return RecordRows.schema(type);
        }
        if (value instanceof Struct struct) {
            StructField[] fields = new StructField[struct.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = DataTypes.createStructField(struct.name(i), typeOf(struct.get(i), column), true);
            }
            return DataTypes.createStructType(fields);
        }
        if (value instanceof List<?> list) {
            DataType element = DataTypes.NullType;
            for (Object item : list) {
                element = mergeWithin(element, typeOf(item, column), column, "list elements");
            }
            return DataTypes.createArrayType(element, true);
        }
        if (value instanceof Map<?, ?> map) {
            DataType key = DataTypes.NullType;
            DataType mapValue = DataTypes.NullType;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getKey() == null) {
                    throw new MagicError(ErrorName.UNSUPPORTED_TYPE, "column '" + column + "' holds a map with a NULL key,"
                            + " which Spark maps cannot hold");
                }
                key = mergeWithin(key, typeOf(entry.getKey(), column), column, "map keys");
                mapValue = mergeWithin(mapValue, typeOf(entry.getValue(), column), column, "map values");
            }
            return DataTypes.createMapType(key, mapValue, true);
        }
        throw new MagicError(ErrorName.UNSUPPORTED_TYPE, "column '" + column + "' holds " + value.getClass().getName()
                + " values, which have no Spark type; use a number, String, Boolean, BigDecimal, LocalDate, Instant,"
                + " LocalDateTime, byte[], a List, a Map, a Struct or a record");
    }

    private static DataType mergeWithin(DataType a, DataType b, String column, String what) {
        try {
            return merge(a, b);
        } catch (Mismatch mismatch) {
            throw new MagicError(ErrorName.UNSUPPORTED_TYPE, "column '" + column + "' has " + what + " of different types ("
                    + a.simpleString() + " vs " + b.simpleString() + "); they must all have one type");
        }
    }

    /** The one type that holds values of both types; NullType gives way to anything. */
    static DataType merge(DataType a, DataType b) {
        if (a instanceof NullType || a.equals(b)) {
            return b;
        }
        if (b instanceof NullType) {
            return a;
        }
        if (a instanceof DecimalType x && b instanceof DecimalType y) {
            return decimal(Math.max(x.precision() - x.scale(), y.precision() - y.scale()), Math.max(x.scale(), y.scale()), null);
        }
        if (a instanceof ArrayType x && b instanceof ArrayType y) {
            return DataTypes.createArrayType(merge(x.elementType(), y.elementType()), true);
        }
        if (a instanceof MapType x && b instanceof MapType y) {
            return DataTypes.createMapType(merge(x.keyType(), y.keyType()), merge(x.valueType(), y.valueType()), true);
        }
        if (a instanceof StructType x && b instanceof StructType y && List.of(x.fieldNames()).equals(List.of(y.fieldNames()))) {
            StructField[] fields = new StructField[x.fields().length];
            for (int i = 0; i < fields.length; i++) {
                StructField f = x.fields()[i];
                StructField g = y.fields()[i];
                fields[i] = DataTypes.createStructField(f.name(), merge(f.dataType(), g.dataType()), f.nullable() || g.nullable());
            }
            return DataTypes.createStructType(fields);
        }
        throw new Mismatch();
    }

    /** Replaces what no value told (NullType) by STRING, the type that holds anything a user will put there. */
    static DataType settle(DataType type) {
        if (type instanceof NullType) {
            return DataTypes.StringType;
        }
        if (type instanceof ArrayType array) {
            return DataTypes.createArrayType(settle(array.elementType()), array.containsNull());
        }
        if (type instanceof MapType map) {
            return DataTypes.createMapType(settle(map.keyType()), settle(map.valueType()), map.valueContainsNull());
        }
        if (type instanceof StructType struct) {
            StructField[] fields = new StructField[struct.fields().length];
            for (int i = 0; i < fields.length; i++) {
                StructField f = struct.fields()[i];
                fields[i] = DataTypes.createStructField(f.name(), settle(f.dataType()), f.nullable());
            }
            return DataTypes.createStructType(fields);
        }
        return type;
    }

    /**
     * A decimal holding {@code integerDigits} before the point and {@code scale} after it; past 38 digits
     * in all, the scale gives way (values are rounded half-up by Spark) since integer digits cannot.
     */
    private static DataType decimal(int integerDigits, int scale, String column) {
        if (integerDigits > MAX_PRECISION) {
            throw new MagicError(ErrorName.UNSUPPORTED_TYPE, (column == null ? "a decimal" : "column '" + column + "'")
                    + " has a value with " + integerDigits + " integer digits; Spark decimals hold at most " + MAX_PRECISION);
        }
        int fittedScale = Math.min(scale, MAX_PRECISION - integerDigits);
        return DataTypes.createDecimalType(Math.max(integerDigits + fittedScale, 1), fittedScale);
    }

    /** Two types that no one type holds; the caller names the column. */
    private static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch() {
            super(null, null, false, false);
        }
    }
}
