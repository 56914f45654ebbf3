package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.RecordRows;
import io.kindling.magics.table.SparkValues;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Records of one class as rows of the schema {@link RecordRows#schema} derives, compiled once: the class's
 * {@link ComponentReader} (accessors called directly), and a conversion only for components that nest
 * (records, lists or maps of records).
 */
final class RecordWriter {
    private final Class<?> type;
    private final ComponentReader components;
    private final DataType[] nested;
    private final StructType schema;

    private RecordWriter(Class<?> type, ComponentReader components, DataType[] nested, StructType schema) {
        this.type = type;
        this.components = components;
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
        ComponentReader components;
        try {
            components = ComponentReader.of(recordType);
        } catch (RuntimeException e) {
            throw new MagicError(ErrorName.BAD_SCHEMA, "cannot read the components of " + recordType.getSimpleName() + ": " + e.getMessage());
        }
        DataType[] nested = new DataType[schema.fields().length];
        for (int i = 0; i < nested.length; i++) {
            DataType column = schema.fields()[i].dataType();
            nested[i] = SparkValues.needsToSpark(column) || ScalaValues.needed(column) ? column : null;
        }
        return new RecordWriter(recordType, components, nested, schema);
    }

    StructType schema() {
        return schema;
    }

    Row write(Object record) {
        if (!type.isInstance(record)) {
            throw new IllegalArgumentException("the function returned " + (record == null ? "null" : "a " + record.getClass().getName())
                    + " where its output type says " + type.getSimpleName());
        }
        Object[] values = new Object[nested.length];
        for (int i = 0; i < values.length; i++) {
            Object value = components.get(record, i);
            values[i] = nested[i] == null ? value : ScalaValues.of(SparkValues.toSpark(value, nested[i]), nested[i]);
        }
        return RowFactory.create(values);
    }
}
