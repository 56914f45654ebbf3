package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import scala.jdk.javaapi.CollectionConverters;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How one column's values become the values of a record component, decided once from the component's
 * Java type and the column's Spark type: nothing for an exact match, a widening for a narrower
 * number, a nested reader for a struct, element by element for lists and maps. A pair that does not
 * fit is a {@code TYPE_MISMATCH} naming the component, the column and both types.
 */
final class ColumnReaders {
    private ColumnReaders() {
    }

    /**
     * @param expected the Spark type the component declares (from {@link io.kindling.magics.table.RecordRows#schema})
     * @param where    e.g. {@code Ride.km}, for the message
     */
    static UnaryOperator<Object> of(Type javaType, DataType expected, DataType actual, String where, String column) {
        if (actual instanceof StructType struct && javaType instanceof Class<?> cls && cls.isRecord()) {
            RecordReader nested = RecordReader.of(cls, struct, where + ".");
            return value -> value instanceof Row row ? nested.read(row) : value;
        }
        if (actual instanceof ArrayType array && expected instanceof ArrayType expectedArray
                && javaType instanceof ParameterizedType list) {
            UnaryOperator<Object> element = of(list.getActualTypeArguments()[0], expectedArray.elementType(), array.elementType(),
                    where + "[]", column);
            return value -> readList(value, element);
        }
        if (actual instanceof MapType map && expected instanceof MapType expectedMap && javaType instanceof ParameterizedType mapType) {
            Type[] kv = mapType.getActualTypeArguments();
            UnaryOperator<Object> key = of(kv[0], expectedMap.keyType(), map.keyType(), where + "{key}", column);
            UnaryOperator<Object> val = of(kv[1], expectedMap.valueType(), map.valueType(), where + "{value}", column);
            return value -> readMap(value, key, val);
        }
        if (expected instanceof DecimalType && actual instanceof DecimalType) {
            return value -> value instanceof scala.math.BigDecimal big ? big.bigDecimal() : value;
        }
        if (expected.equals(actual)) {
            if (actual instanceof TimestampType) {
                return value -> value instanceof java.sql.Timestamp t ? t.toInstant() : value;
            }
            if (actual instanceof DateType) {
                return value -> value instanceof java.sql.Date d ? d.toLocalDate() : value;
            }
            return UnaryOperator.identity();
        }
        UnaryOperator<Object> widening = widening(expected, actual);
        if (widening != null) {
            return widening;
        }
        throw new MagicError(ErrorName.TYPE_MISMATCH, where + " is " + javaType.getTypeName() + " (" + expected.simpleString()
                + ") but column '" + column + "' is " + actual.simpleString()
                + "; declare the component with the column's type, or cast the column before transform");
    }

    /** Numbers that fit the component's type without loss. */
    private static UnaryOperator<Object> widening(DataType expected, DataType actual) {
        boolean integral = actual instanceof IntegerType || actual instanceof ShortType || actual instanceof ByteType;
        if (expected instanceof LongType && integral) {
            return value -> value == null ? null : ((Number) value).longValue();
        }
        if (expected instanceof IntegerType && (actual instanceof ShortType || actual instanceof ByteType)) {
            return value -> value == null ? null : ((Number) value).intValue();
        }
        if (expected instanceof DoubleType && (integral || actual instanceof FloatType || actual instanceof LongType)) {
            return value -> value == null ? null : ((Number) value).doubleValue();
        }
        if (expected instanceof DecimalType && (integral || actual instanceof LongType)) {
            return value -> value == null ? null : BigDecimal.valueOf(((Number) value).longValue());
        }
        return null;
    }

    private static Object readList(Object value, UnaryOperator<Object> element) {
        if (value == null) {
            return null;
        }
        Iterable<?> items = value instanceof scala.collection.Iterable<?> seq ? CollectionConverters.asJava(seq) : (Iterable<?>) value;
        List<Object> converted = new ArrayList<>();
        for (Object item : items) {
            converted.add(item == null ? null : element.apply(item));
        }
        return converted;
    }

    private static Object readMap(Object value, UnaryOperator<Object> key, UnaryOperator<Object> val) {
        if (value == null) {
            return null;
        }
        Map<?, ?> entries = value instanceof scala.collection.Map<?, ?> scalaMap ? CollectionConverters.asJava(scalaMap) : (Map<?, ?>) value;
        Map<Object, Object> converted = new LinkedHashMap<>();
        entries.forEach((k, v) -> converted.put(key.apply(k), v == null ? null : val.apply(v)));
        return converted;
    }

    /** The field of {@code schema} named {@code name}, or -1. */
    static int indexOf(StructType schema, String name) {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
