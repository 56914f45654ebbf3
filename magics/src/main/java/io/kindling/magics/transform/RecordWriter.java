package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.RecordRows;
import io.kindling.magics.table.SparkValues;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Records of one class as rows of the schema {@link RecordRows#schema} derives, compiled once: a
 * method handle per component accessor, and a conversion only for components that nest (records,
 * lists or maps of records).
 */
final class RecordWriter {
    private final Class<?> type;
    private final MethodHandle[] accessors;
    private final DataType[] nested;
    private final StructType schema;

    private RecordWriter(Class<?> type, MethodHandle[] accessors, DataType[] nested, StructType schema) {
        this.type = type;
        this.accessors = accessors;
        this.nested = nested;
        this.schema = schema;
    }

    @SuppressWarnings("unchecked")
    static RecordWriter of(Class<?> recordType) {
        if (!recordType.isRecord()) {
            throw new MagicError(ErrorName.BAD_SCHEMA, recordType.getName() + " is not a record; the output type must be a record"
                    + " (record Prediction(String region, double score) implements Serializable {}), or maps with a schema string");
        }
        StructType schema = RecordRows.schema((Class<? extends Record>) recordType);
        RecordComponent[] components = recordType.getRecordComponents();
        MethodHandle[] accessors = new MethodHandle[components.length];
        DataType[] nested = new DataType[components.length];
        for (int i = 0; i < components.length; i++) {
            try {
                Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                accessors[i] = MethodHandles.lookup().unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new MagicError(ErrorName.BAD_SCHEMA, "cannot read " + recordType.getSimpleName() + "." + components[i].getName()
                        + ": " + e.getMessage());
            }
            DataType column = schema.fields()[i].dataType();
            nested[i] = SparkValues.needsToSpark(column) || ScalaValues.needed(column) ? column : null;
        }
        return new RecordWriter(recordType, accessors, nested, schema);
    }

    StructType schema() {
        return schema;
    }

    Row write(Object record) {
        if (!type.isInstance(record)) {
            throw new IllegalArgumentException("the function returned " + (record == null ? "null" : "a " + record.getClass().getName())
                    + " where its output type says " + type.getSimpleName());
        }
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < values.length; i++) {
            Object value;
            try {
                value = (Object) accessors[i].invokeExact(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            values[i] = nested[i] == null ? value : ScalaValues.of(SparkValues.toSpark(value, nested[i]), nested[i]);
        }
        return RowFactory.create(values);
    }
}
