package io.kindling.magics.table;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Java records as Spark rows. Spark 4's bean and kryo encoders cannot handle records (a record has no
 * setters, so {@code createDataFrame(list, Ride.class)} even yields an empty schema); this derives a
 * schema from the record's components and converts both ways, nested records and lists included.
 * <pre>{@code
 * record Ride(String region, double km) {}
 * Dataset<Row> rides = RecordRows.dataFrame(spark, List.of(new Ride("north", 4.2)));
 * List<Ride> back = RecordRows.toRecords(rides.collectAsList(), Ride.class);
 * }</pre>
 */
public final class RecordRows {
    /** Each record class's components, accessors and constructor, looked up once rather than per row. */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    /** Each record class's schema, derived once: conversions of a table's record column ask per value. */
    private static final ClassValue<StructType> SCHEMAS = new ClassValue<>() {
        @Override
        protected StructType computeValue(Class<?> type) {
            return deriveSchema(type);
        }
    };

    private RecordRows() {
    }

    /** The Spark schema of a record class: one field per component, in declaration order. */
    public static StructType schema(Class<? extends Record> type) {
        requireNonNull(type, "type is null");
        return SCHEMAS.get(type);
    }

    private static StructType deriveSchema(Class<?> type) {
        List<StructField> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            fields.add(DataTypes.createStructField(component.getName(), dataType(component.getGenericType(), type, component.getName()),
                    !component.getType().isPrimitive()));
        }
        return DataTypes.createStructType(fields);
    }

    /** A DataFrame of records, with the schema {@link #schema} derives. */
    public static <R extends Record> Dataset<Row> dataFrame(SparkSession spark, List<R> records) {
        requireNonNull(spark, "spark is null");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no records: the schema comes from the first record's class;"
                    + " use spark.createDataFrame(List.of(), RecordRows.schema(Ride.class)) for an empty table");
        }
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) records.get(0).getClass();
        return spark.createDataFrame(records.stream().map(RecordRows::toRow).toList(), schema(type));
    }

    public static Row toRow(Record record) {
        Shape shape = SHAPES.get(record.getClass());
        Object[] values = new Object[shape.components().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = toValue(shape.read(record, i));
        }
        return RowFactory.create(values);
    }

    /** The record a row holds, by field name, so column order does not matter. */
    public static <R extends Record> R fromRow(Row row, Class<R> type) {
        Shape shape = SHAPES.get(type);
        RecordComponent[] components = shape.components();
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            int at;
            try {
                at = row.fieldIndex(components[i].getName());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the row has no column '" + components[i].getName() + "' for "
                        + type.getSimpleName() + "; its columns: " + String.join(", ", row.schema().fieldNames()), e);
            }
            arguments[i] = fromValue(row.get(at), components[i].getGenericType());
        }
        return type.cast(shape.construct(arguments));
    }

    public static <R extends Record> List<R> toRecords(List<Row> rows, Class<R> type) {
        return rows.stream().map(r -> fromRow(r, type)).toList();
    }

    private static DataType dataType(Type type, Class<?> owner, String name) {
        if (type instanceof Class<?> cls) {
            Optional<DataType> scalar = ScalarTypes.of(cls);
            if (scalar.isPresent()) {
                return scalar.get();
            }
            if (cls == BigDecimal.class) {
                // A record declares no precision: the widest Spark holds, with room for fractions.
                return DataTypes.createDecimalType(38, 18);
            }
            if (cls.isRecord()) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> nested = (Class<? extends Record>) cls;
                return schema(nested);
            }
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return DataTypes.createArrayType(dataType(parameterized.getActualTypeArguments()[0], owner, name), true);
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
            Type[] kv = parameterized.getActualTypeArguments();
            return DataTypes.createMapType(dataType(kv[0], owner, name), dataType(kv[1], owner, name), true);
        }
        throw new MagicError(ErrorName.UNSUPPORTED_TYPE, owner.getSimpleName() + "." + name + " has type " + type.getTypeName()
                + ", which has no Spark column type; use a primitive, String, BigDecimal, LocalDate, Instant,"
                + " LocalDateTime, byte[], a record, or a List or Map of those");
    }

    private static Object toValue(Object value) {
        if (value instanceof Record nested) {
            return toRow(nested);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RecordRows::toValue).toList();
        }
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<Object, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(toValue(k), toValue(v)));
            return converted;
        }
        return value;
    }

    private static Object fromValue(Object value, Type type) {
        if (value == null) {
            return null;
        }
        if (type instanceof Class<?> cls && cls.isRecord() && value instanceof Row nested) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> recordType = (Class<? extends Record>) cls;
            return fromRow(nested, recordType);
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            Type element = parameterized.getActualTypeArguments()[0];
            Iterable<?> items = value instanceof scala.collection.Iterable<?> scalaItems
                    ? scala.jdk.javaapi.CollectionConverters.asJava(scalaItems) : (Iterable<?>) value;
            List<Object> converted = new ArrayList<>();
            items.forEach(item -> converted.add(fromValue(item, element)));
            return converted;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class
                && value instanceof scala.collection.Map<?, ?> scalaMap) {
            Type[] kv = parameterized.getActualTypeArguments();
            LinkedHashMap<Object, Object> converted = new LinkedHashMap<>();
            scala.jdk.javaapi.CollectionConverters.asJava(scalaMap).forEach((k, v) -> converted.put(fromValue(k, kv[0]), fromValue(v, kv[1])));
            return converted;
        }
        if (type == Instant.class && value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (type == LocalDate.class && value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        return value;
    }

    /** How to take a record class apart and put it back together, with access checks done once. */
    private record Shape(Class<?> type, RecordComponent[] components, Method[] accessors, Constructor<?> constructor) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> constructor;
            try {
                constructor = type.getDeclaredConstructor(parameterTypes);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("cannot build a " + type.getSimpleName() + " from a row: " + e.getMessage(), e);
            }
            constructor.setAccessible(true);
            return new Shape(type, components, accessors, constructor);
        }

        Object read(Record record, int component) {
            try {
                return accessors[component].invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + components[component].getName(), e);
            }
        }

        Object construct(Object[] arguments) {
            try {
                return constructor.newInstance(arguments);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build a " + type.getSimpleName() + " from a row: " + e.getMessage(), e);
            }
        }
    }
}
