package io.kindling.magics.transform;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Java lists and maps inside output rows as the Scala collections Spark's Row encoder takes (it
 * rejects a {@code java.util.List} in an array column). Only columns that hold arrays or maps, at any
 * depth, are looked at; reading rows back locally turns them into Java collections again.
 */
final class ScalaValues {
    private ScalaValues() {
    }

    static boolean needed(DataType type) {
        if (type instanceof ArrayType || type instanceof MapType) {
            return true;
        }
        if (type instanceof StructType struct) {
            for (var field : struct.fields()) {
                if (needed(field.dataType())) {
                    return true;
                }
            }
        }
        return false;
    }

    static Object of(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof ArrayType array && value instanceof Iterable<?> items) {
            List<Object> converted = new ArrayList<>();
            for (Object item : items) {
                converted.add(of(item, array.elementType()));
            }
            return CollectionConverters.asScala(converted).toSeq();
        }
        if (type instanceof MapType map && value instanceof Map<?, ?> entries) {
            Map<Object, Object> converted = new LinkedHashMap<>();
            entries.forEach((k, v) -> converted.put(of(k, map.keyType()), of(v, map.valueType())));
            return scala.collection.immutable.Map.from(CollectionConverters.asScala(converted));
        }
        if (type instanceof StructType struct && value instanceof Row row) {
            Object[] values = new Object[row.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = of(row.get(i), struct.fields()[i].dataType());
            }
            return RowFactory.create(values);
        }
        return value;
    }
}
