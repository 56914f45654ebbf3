package io.kindling.magics.transform;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;

/**
 * One transform call as it runs on a partition, on Spark or in the local engine: rows in (sorted by
 * key and presort when there are keys), the function called once per group or once per partition,
 * rows out. Converters are compiled once per task, and once on the driver at construction, which is
 * how a type mismatch or a bad schema fails before any task starts.
 *
 * <p>With {@code collectFailures} every output row has a trailing {@value #FAILURE} column: NULL on
 * rows the function returned, and on one row per failed group its key, what was thrown and the first row.
 */
final class GroupCall implements MapPartitionsFunction<Row, Row> {
    static final String FAILURE = "__transform_failure";
    private static final long serialVersionUID = 1L;

    private final Shape<?> in;
    private final Shape<?> out;
    private final Invoker function;
    private final HashMap<String, Object> params;
    private final StructType inputSchema;
    private final StructType outputSchema;
    private final int[] keys;
    private final int[] allColumns;
    private final boolean perGroup;
    private final boolean collectFailures;
    private transient InputCodec inputCodec;
    private transient OutputCodec outputCodec;

    /**
     * @param out the function's output shape, or null for an action ({@code outTransform})
     * @throws io.kindling.magics.magic.MagicError TYPE_MISMATCH, BAD_SCHEMA, BAD_PARTITION_SPEC before anything runs
     */
    GroupCall(Shape<?> in, Shape<?> out, Invoker function, Map<String, Object> params, StructType inputSchema,
              PartitionSpec spec, boolean collectFailures) {
        this.in = requireNonNull(in, "in is null");
        this.out = out;
        this.function = requireNonNull(function, "function is null");
        this.params = new HashMap<>(params);
        this.inputSchema = requireNonNull(inputSchema, "inputSchema is null");
        spec.validate(inputSchema);
        this.keys = spec.keys().stream().mapToInt(k -> ColumnReaders.indexOf(inputSchema, k)).toArray();
        this.allColumns = IntStream.range(0, inputSchema.fields().length).toArray();
        this.perGroup = spec.perGroup();
        this.collectFailures = collectFailures;
        this.inputCodec = InputCodec.of(in, inputSchema);
        this.outputCodec = out == null ? null : OutputCodec.of(out, inputSchema);
        this.outputSchema = out == null ? new StructType() : outputCodec.schema();
    }

    /** The function's rows: from the output record, or the schema string. */
    StructType outputSchema() {
        return outputSchema;
    }

    /** The rows this call produces: the output schema, all nullable and with the failure column when failures are collected. */
    StructType resultSchema() {
        if (!collectFailures) {
            return outputSchema;
        }
        List<StructField> fields = new ArrayList<>();
        for (StructField field : outputSchema.fields()) {
            fields.add(DataTypes.createStructField(field.name(), field.dataType(), true));
        }
        fields.add(DataTypes.createStructField(FAILURE, failureSchema(), true));
        return DataTypes.createStructType(fields);
    }

    /** The key columns, then what identifies the failure. */
    StructType failureSchema() {
        List<StructField> fields = new ArrayList<>();
        for (int key : keys) {
            fields.add(DataTypes.createStructField(inputSchema.fields()[key].name(), inputSchema.fields()[key].dataType(), true));
        }
        for (String name : List.of("key", "exception", "message", "first_row")) {
            fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
        }
        return DataTypes.createStructType(fields);
    }

    boolean perGroup() {
        return perGroup;
    }

    int[] keys() {
        return keys.clone();
    }

    int columnIndex(String column) {
        return ColumnReaders.indexOf(inputSchema, column);
    }

    /** Spark's entry: one partition's rows, sorted by key and presort. */
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        String partition = "partition " + (TaskContext.get() == null ? 0 : TaskContext.getPartitionId());
        return new Calls(rows, partition);
    }

    /**
     * One call of the function on {@code rows} (one group, or one partition's rows), converted both ways.
     *
     * @throws FunctionFailure when the function throws and failures are not collected
     */
    Iterator<Row> callOnce(List<Row> rows, String partition) {
        if (inputCodec == null) {
            inputCodec = InputCodec.of(in, inputSchema);
            outputCodec = out == null ? null : OutputCodec.of(out, inputSchema);
        }
        String group = perGroup ? FunctionFailure.describe(rows.get(0), inputSchema, keys) : partition;
        try {
            Object result = function.invoke(inputCodec.wrap(rows), params);
            if (outputCodec == null) {
                return Collections.emptyIterator();
            }
            // The output is converted here, inside the try: a wrong element type is this group's failure too.
            List<Row> converted = new ArrayList<>();
            outputCodec.rows(result).forEachRemaining(row -> converted.add(collectFailures ? withFailure(row, null) : row));
            return converted.iterator();
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            FunctionFailure failure = new FunctionFailure(group, FunctionFailure.describe(rows.get(0), inputSchema, allColumns), e);
            if (!collectFailures) {
                throw failure;
            }
            return List.of(failureRow(rows.get(0), failure)).iterator();
        }
    }

    private Row withFailure(Row row, Row failure) {
        Object[] values = new Object[row.length() + 1];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        values[row.length()] = failure;
        return RowFactory.create(values);
    }

    private Row failureRow(Row first, FunctionFailure failure) {
        Object[] values = new Object[keys.length + 4];
        for (int i = 0; i < keys.length; i++) {
            values[i] = first.get(keys[i]);
        }
        values[keys.length] = failure.group();
        values[keys.length + 1] = failure.exception();
        values[keys.length + 2] = failure.reason();
        values[keys.length + 3] = failure.firstRow();
        return withFailure(RowFactory.create(new Object[outputSchema.fields().length]), RowFactory.create(values));
    }

    private boolean sameKey(Row a, Row b) {
        for (int key : keys) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                return false;
            }
        }
        return true;
    }

    /** The output of a partition, calling the function group by group as the output is read. */
    private final class Calls implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final String partition;
        private Row pending;
        private Iterator<Row> current = Collections.emptyIterator();

        Calls(Iterator<Row> rows, String partition) {
            this.rows = rows;
            this.partition = partition;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                List<Row> group = nextGroup();
                if (group.isEmpty()) {
                    return false;
                }
                current = callOnce(group, partition);
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private List<Row> nextGroup() {
            List<Row> group = new ArrayList<>();
            if (pending != null) {
                group.add(pending);
                pending = null;
            }
            while (rows.hasNext()) {
                Row row = rows.next();
                if (perGroup && !group.isEmpty() && !sameKey(group.get(0), row)) {
                    pending = row;
                    break;
                }
                group.add(row);
            }
            return group;
        }
    }
}
