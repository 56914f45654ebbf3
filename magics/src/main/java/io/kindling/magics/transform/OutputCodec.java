package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.SparkValues;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a function returned, as rows of the output schema: records through a {@link RecordWriter}
 * (schema from the record class), maps and DFLib tables by column name against a schema string
 * resolved on the input's schema.
 */
final class OutputCodec {
    private final Shape<?> shape;
    private final StructType schema;
    private final RecordWriter records;
    private final String[] names;
    private final DataType[] types;

    private OutputCodec(Shape<?> shape, StructType schema, RecordWriter records) {
        this.shape = shape;
        this.schema = schema;
        this.records = records;
        StructField[] fields = schema.fields();
        this.names = new String[fields.length];
        this.types = new DataType[fields.length];
        for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i].name();
            types[i] = fields[i].dataType();
        }
    }

    /** @throws MagicError BAD_SCHEMA when an untyped output has no schema string or a bad one */
    static OutputCodec of(Shape<?> shape, StructType input) {
        if (shape.record().isPresent()) {
            RecordWriter writer = RecordWriter.of(shape.record().get());
            return new OutputCodec(shape, writer.schema(), writer);
        }
        String text = shape.schema().orElseThrow(() -> new MagicError(ErrorName.BAD_SCHEMA, "the output " + shape
                + " names no columns: give a schema string, e.g. listOfMaps(\"*,score:double\") or dataFrame(\"region:str,score:double\")"));
        return new OutputCodec(shape, SchemaExpression.resolve(text, input), null);
    }

    StructType schema() {
        return schema;
    }

    /** The rows of one call's result, converted as they are read. */
    Iterator<Row> rows(Object result) {
        if (result == null) {
            return java.util.Collections.emptyIterator();
        }
        if (result instanceof DataFrame frame) {
            return frameRows(frame);
        }
        Iterator<?> items = switch (shape.container()) {
            case LIST, ITERABLE -> ((Iterable<?>) result).iterator();
            case ITERATOR -> (Iterator<?>) result;
            case STREAM -> ((Stream<?>) result).iterator();
            case DATAFRAME -> throw new IllegalStateException("handled above");
        };
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public Row next() {
                Object item = items.next();
                return records != null ? records.write(item) : mapRow(item);
            }
        };
    }

    private Row mapRow(Object item) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the function returned " + (item == null ? "null" : "a " + item.getClass().getName())
                    + " where its output type says Map<String,Object>");
        }
        Object[] values = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = coerce(map.get(names[i]), types[i]);
        }
        return RowFactory.create(values);
    }

    private Iterator<Row> frameRows(DataFrame frame) {
        List<String> columns = List.of(frame.getColumnsIndex().toArray());
        for (String name : names) {
            if (!columns.contains(name)) {
                throw new IllegalArgumentException("the function's DataFrame has no column '" + name + "' of the output schema "
                        + schema.simpleString() + "; its columns: " + columns);
            }
        }
        List<Row> rows = new ArrayList<>(frame.height());
        var series = new org.dflib.Series<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            series[i] = frame.getColumn(names[i]);
        }
        for (int r = 0; r < frame.height(); r++) {
            Object[] values = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                values[i] = coerce(series[i].get(r), types[i]);
            }
            rows.add(RowFactory.create(values));
        }
        return rows.iterator();
    }

    /** Numbers to the declared width (a map's 1 is an Integer even in a double column), nested values to Spark's form. */
    private static Object coerce(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && !(value instanceof java.math.BigDecimal)) {
            if (type instanceof DoubleType) {
                return number.doubleValue();
            }
            if (type instanceof LongType) {
                return number.longValue();
            }
            if (type instanceof IntegerType) {
                return number.intValue();
            }
            if (type instanceof FloatType) {
                return number.floatValue();
            }
            return value;
        }
        Object spark = SparkValues.needsToSpark(type) ? SparkValues.toSpark(value, type) : value;
        return ScalaValues.needed(type) ? ScalaValues.of(spark, type) : spark;
    }
}
