package io.kindling.magics.transform;

import io.kindling.magics.table.SparkTables;
import io.kindling.magics.table.SparkValues;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One group's rows in the shape the function takes, compiled once per task for the input's schema:
 * records through a {@link RecordReader}, maps with values in notebook form, or a DFLib table. The
 * whole batch is converted before the call, so the function sees plain Java values only.
 */
final class InputCodec {
    private final Shape<?> shape;
    private final StructType schema;
    private final RecordReader records;
    private final String[] names;
    private final DataType[] converted;

    private InputCodec(Shape<?> shape, StructType schema, RecordReader records) {
        this.shape = shape;
        this.schema = schema;
        this.records = records;
        StructField[] fields = schema.fields();
        this.names = new String[fields.length];
        this.converted = new DataType[fields.length];
        for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i].name();
            converted[i] = SparkValues.needsToLocal(fields[i].dataType()) ? fields[i].dataType() : null;
        }
    }

    /** @throws io.kindling.magics.magic.MagicError TYPE_MISMATCH when the shape's records do not fit the schema */
    static InputCodec of(Shape<?> shape, StructType schema) {
        RecordReader records = shape.record().map(type -> RecordReader.of(type, schema, "")).orElse(null);
        return new InputCodec(shape, schema, records);
    }

    Object wrap(List<Row> rows) {
        if (shape.container() == Shape.Container.DATAFRAME) {
            return SparkTables.toDataFrame(rows, schema);
        }
        List<Object> values = new ArrayList<>(rows.size());
        for (Row row : rows) {
            values.add(records != null ? records.read(row) : map(row));
        }
        return switch (shape.container()) {
            case LIST, ITERABLE -> values;
            case ITERATOR -> values.iterator();
            case STREAM -> values.stream();
            case DATAFRAME -> throw new IllegalStateException("handled above");
        };
    }

    /** A mutable map, so a function can add a column to the rows it was given and return them. */
    private Map<String, Object> map(Row row) {
        Map<String, Object> map = new LinkedHashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            Object value = row.get(i);
            map.put(names[i], converted[i] == null || value == null ? value : SparkValues.toLocal(value, converted[i]));
        }
        return map;
    }
}
