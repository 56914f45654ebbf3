package io.kindling.magics.table;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value between its notebook form and the form Spark's {@code Row} holds, guided by the column's
 * Spark type. Scalars pass unchanged one way (Spark reads java.time values whatever
 * {@code spark.sql.datetime.java8API.enabled} says); the other way java.sql dates and timestamps
 * become java.time, Scala collections Java ones and rows {@link Struct}s.
 */
public final class SparkValues {
    private SparkValues() {
    }

    /** Whether values of this type need {@link #toSpark}: only structs (Struct, records) differ from Spark's own form. */
    public static boolean needsToSpark(DataType type) {
        if (type instanceof StructType) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return needsToSpark(array.elementType());
        }
        if (type instanceof MapType map) {
            return needsToSpark(map.keyType()) || needsToSpark(map.valueType());
        }
        return false;
    }

    /** A notebook value in the form a Spark {@code Row} of that type takes (Spark reads java Lists and Maps itself). */
    public static Object toSpark(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof StructType struct) {
            if (value instanceof Record record) {
                return RecordRows.toRow(record);
            }
            Map<?, ?> fields = (Map<?, ?>) value;
            StructField[] declared = struct.fields();
            Object[] converted = new Object[declared.length];
            for (int i = 0; i < declared.length; i++) {
                Object field = value instanceof Struct s ? s.get(i) : fields.get(declared[i].name());
                converted[i] = toSpark(field, declared[i].dataType());
            }
            return RowFactory.create(converted);
        }
        if (type instanceof ArrayType array && needsToSpark(array.elementType())) {
            List<?> items = (List<?>) value;
            List<Object> converted = new ArrayList<>(items.size());
            for (Object item : items) {
                converted.add(toSpark(item, array.elementType()));
            }
            return converted;
        }
        if (type instanceof MapType map && needsToSpark(map)) {
            Map<Object, Object> converted = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> converted.put(toSpark(k, map.keyType()), toSpark(v, map.valueType())));
            return converted;
        }
        return value;
    }

    /** A value from a Spark {@code Row} in notebook form: java.time, java.util collections, {@link Struct}. */
    public static Object toLocal(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof TimestampType && value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (type instanceof DateType && value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (type instanceof ArrayType array) {
            Iterable<?> items = value instanceof scala.collection.Iterable<?> seq ? CollectionConverters.asJava(seq) : (Iterable<?>) value;
            List<Object> converted = new ArrayList<>();
            for (Object item : items) {
                converted.add(toLocal(item, array.elementType()));
            }
            return converted;
        }
        if (type instanceof MapType map) {
            Map<?, ?> entries = value instanceof scala.collection.Map<?, ?> scalaMap ? CollectionConverters.asJava(scalaMap) : (Map<?, ?>) value;
            Map<Object, Object> converted = new LinkedHashMap<>();
            entries.forEach((k, v) -> converted.put(toLocal(k, map.keyType()), toLocal(v, map.valueType())));
            return converted;
        }
        if (type instanceof StructType struct) {
            Row row = (Row) value;
            StructField[] fields = struct.fields();
            String[] names = new String[fields.length];
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                names[i] = fields[i].name();
                values[i] = toLocal(row.get(i), fields[i].dataType());
            }
            return Struct.wrap(names, values);
        }
        return value;
    }

    /** Whether {@link #toLocal} changes values of this type at all. */
    public static boolean needsToLocal(DataType type) {
        return type instanceof TimestampType || type instanceof DateType || type instanceof ArrayType
                || type instanceof MapType || type instanceof StructType;
    }
}
