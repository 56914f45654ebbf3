package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.RecordRows;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Rows of one schema as records of one class, compiled once: which column feeds each component, how
 * its values convert, and a method handle for the canonical constructor. Reading a row is then an
 * array fill and one constructor call, with no reflection and no name lookup.
 * <pre>{@code
 * RecordReader rides = RecordReader.of(Ride.class, dataset.schema(), "");   // TYPE_MISMATCH if they do not fit
 * Ride first = (Ride) rides.read(row);
 * }</pre>
 */
final class RecordReader {
    private final int[] columns;
    private final UnaryOperator<Object>[] converters;
    private final boolean[] primitive;
    private final String[] names;
    private final MethodHandle constructor;
    private final String type;

    private RecordReader(int[] columns, UnaryOperator<Object>[] converters, boolean[] primitive, String[] names,
                         MethodHandle constructor, String type) {
        this.columns = columns;
        this.converters = converters;
        this.primitive = primitive;
        this.names = names;
        this.constructor = constructor;
        this.type = type;
    }

    /**
     * @throws MagicError TYPE_MISMATCH when a component has no column of its name, or a column of another type
     */
    @SuppressWarnings("unchecked")
    static RecordReader of(Class<?> recordType, StructType schema, String prefix) {
        if (!recordType.isRecord()) {
            throw new MagicError(ErrorName.UNSUPPORTED_INPUT, recordType.getName() + " is not a record; transform reads rows"
                    + " into records (record Ride(String region, double km) implements Serializable {}) or maps");
        }
        @SuppressWarnings("unchecked")
        StructType expected = RecordRows.schema((Class<? extends Record>) recordType);
        RecordComponent[] components = recordType.getRecordComponents();
        int[] columns = new int[components.length];
        UnaryOperator<Object>[] converters = new UnaryOperator[components.length];
        boolean[] primitive = new boolean[components.length];
        String[] names = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            String where = prefix + recordType.getSimpleName() + "." + name;
            int at = ColumnReaders.indexOf(schema, name);
            if (at < 0) {
                throw new MagicError(ErrorName.TYPE_MISMATCH, where + " has no column '" + name + "' in the input; its columns: "
                        + String.join(", ", schema.fieldNames()));
            }
            StructField column = schema.fields()[at];
            columns[i] = at;
            converters[i] = ColumnReaders.of(components[i].getGenericType(), expected.fields()[i].dataType(), column.dataType(),
                    where, name);
            primitive[i] = components[i].getType().isPrimitive();
            names[i] = name;
        }
        return new RecordReader(columns, converters, primitive, names, constructor(recordType, components),
                recordType.getSimpleName());
    }

    private static MethodHandle constructor(Class<?> type, RecordComponent[] components) {
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return MethodHandles.lookup().unreflectConstructor(canonical).asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MagicError(ErrorName.UNSUPPORTED_INPUT, "cannot build a " + type.getSimpleName() + " from a row: " + e.getMessage());
        }
    }

    Object read(Row row) {
        Object[] arguments = new Object[columns.length];
        for (int i = 0; i < arguments.length; i++) {
            Object value = row.get(columns[i]);
            if (value == null) {
                if (primitive[i]) {
                    throw new IllegalArgumentException("column '" + names[i] + "' is NULL, which " + type + "." + names[i]
                            + " (a primitive) cannot hold; declare it with a boxed type (Double, Long...)");
                }
                continue;
            }
            arguments[i] = converters[i].apply(value);
        }
        try {
            return (Object) constructor.invokeExact(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot build a " + type + ": " + e.getMessage(), e);
        }
    }
}
