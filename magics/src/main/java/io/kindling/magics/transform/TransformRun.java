package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.CollectedTable;
import io.kindling.magics.table.ParquetTable;
import io.kindling.magics.table.SparkTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.dflib.DataFrame;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One {@code transform} / {@code outTransform} call from input to output: read the input, check the
 * function's types and the partition spec against it (before anything runs), pick the engine (local
 * for local input and no {@code on(...)}, Spark otherwise), and deliver the output as asked.
 */
final class TransformRun {
    private static final int PREVIEW_ROWS = 20;

    private final Shape<?> in;
    private final Shape<?> out;
    private final Invoker function;
    private final CallOptions options;

    /** @param out null for {@code outTransform} */
    TransformRun(Shape<?> in, Shape<?> out, Invoker function, CallOptions options) {
        this.in = in;
        this.out = out;
        this.function = function;
        this.options = options;
        if (out == null && options.collectFailures()) {
            throw new MagicError(ErrorName.BAD_PARTITION_SPEC, "outTransform returns nothing, so it cannot return failed groups;"
                    + " use transform(...) with onError(collectFailures()) and an output");
        }
        if (out == null && (options.asLocal().isPresent() || options.saveTo().isPresent())) {
            throw new MagicError(ErrorName.BAD_PARTITION_SPEC, "outTransform has no output to collect or save; use transform(...)");
        }
    }

    Object run(Object input) {
        if (DirectRecords.applies(input, in, out, options)) {
            Object output = DirectRecords.run((List<?>) input, in, out, function, options, LocalEngine.ofThisMachine());
            return output == null ? null : capped((DataFrame) output);
        }
        Optional<Supplier<org.apache.spark.sql.SparkSession>> session = options.on().map(TransformOption.On::session);
        TransformInput source = TransformInput.of(input, in.record(), session);
        GroupCall call = new GroupCall(in, out, function, options.params(), source.schema(), options.partition(),
                options.collectFailures());
        if (source instanceof TransformInput.Local local && session.isEmpty()) {
            return local(filterLocal(local, call), call);
        }
        if (source instanceof TransformInput.Local local) {
            List<Row> rows = filterLocal(local, call);
            Map.Entry<Dataset<Row>, PartitionSpec> sliced = SparkEngine.fromNotebook(session.get().get(), rows, local.schema(),
                    options.partition());
            return spark(sliced.getKey(), call, sliced.getValue(), OptionalLong.of(rows.size()));
        }
        return spark(filterSpark(((TransformInput.Distributed) source).dataset()), call, options.partition(), OptionalLong.empty());
    }

    private DataFrame capped(DataFrame frame) {
        long cap = options.asLocal().map(TransformOption.AsLocal::maxRows).orElse(SparkTables.MAX_ROWS);
        if (frame.height() > cap) {
            throw tooMany(cap);
        }
        return frame;
    }

    private Object local(List<Row> rows, GroupCall call) {
        List<Row> results = LocalEngine.ofThisMachine().run(rows, call, options.partition());
        if (out == null) {
            return null;
        }
        List<Row> output = results;
        List<Row> failures = List.of();
        if (options.collectFailures()) {
            output = new ArrayList<>();
            failures = new ArrayList<>();
            int failureColumn = call.resultSchema().fields().length - 1;
            for (Row row : results) {
                if (row.isNullAt(failureColumn)) {
                    output.add(dropLast(row));
                } else {
                    failures.add(row.getStruct(failureColumn));
                }
            }
        }
        long cap = options.asLocal().map(TransformOption.AsLocal::maxRows).orElse(SparkTables.MAX_ROWS);
        if (output.size() > cap) {
            throw tooMany(cap);
        }
        DataFrame frame = SparkTables.toDataFrame(output, call.outputSchema());
        Object delivered = frame;
        if (options.saveTo().isPresent()) {
            SparkSession spark = RunningSession.running("saveTo(...) writes with Spark");
            delivered = save(SparkTables.toSpark(spark, frame), options.saveTo().get().location(), () -> spark);
        }
        return options.collectFailures()
                ? new TransformOutcome(delivered, SparkTables.toDataFrame(failures, call.failureSchema())) : delivered;
    }

    private Object spark(Dataset<Row> input, GroupCall call, PartitionSpec spec, OptionalLong knownRows) {
        SparkSession spark = input.sparkSession();
        // The cell's progress names the jobs of eager calls after the call, not after Spark's internals.
        String previous = spark.sparkContext().getLocalProperty("spark.job.description");
        spark.sparkContext().setJobDescription(description());
        try {
            return spark(input, call, spark, spec, knownRows);
        } finally {
            spark.sparkContext().setJobDescription(previous);
        }
    }

    private String description() {
        List<String> keys = options.partition().keys();
        return (out == null ? "outTransform " + in : "transform " + in + " -> " + out) + (keys.isEmpty() ? "" : " by " + String.join(", ", keys));
    }

    private Object spark(Dataset<Row> input, GroupCall call, SparkSession spark, PartitionSpec spec, OptionalLong knownRows) {
        Dataset<Row> planned = SparkEngine.plan(input, call, spec, knownRows);
        if (out == null) {
            eagerly(() -> planned.count());
            return null;
        }
        Dataset<Row> output = planned;
        DataFrame failures = null;
        if (options.collectFailures()) {
            // One run for both: the output is read back from the cache, the failures are collected from it.
            Dataset<Row> kept = planned.persist(StorageLevel.MEMORY_AND_DISK());
            eagerly(kept::count);
            Dataset<Row> failed = kept.filter(functions.col(GroupCall.FAILURE).isNotNull()).select(GroupCall.FAILURE + ".*");
            failures = SparkTables.toLocal(failed, SparkTables.MAX_ROWS).dataFrame();
            output = kept.filter(functions.col(GroupCall.FAILURE).isNull()).drop(GroupCall.FAILURE);
        }
        Object delivered = output;
        if (options.asLocal().isPresent()) {
            long cap = options.asLocal().get().maxRows();
            Dataset<Row> collect = output;
            CollectedTable table = eagerly(() -> SparkTables.toLocal(collect, cap));
            if (table.truncated()) {
                throw tooMany(cap);
            }
            delivered = table.dataFrame();
        } else if (options.saveTo().isPresent()) {
            Dataset<Row> write = output;
            delivered = eagerly(() -> save(write, options.saveTo().get().location(), () -> spark));
        }
        return failures != null ? new TransformOutcome(delivered, failures) : delivered;
    }

    private static ParquetTable save(Dataset<Row> output, URI location, Supplier<SparkSession> spark) {
        output.write().parquet(location.toString());
        return ParquetTable.describe(location, PREVIEW_ROWS, spark);
    }

    /** Runs a Spark action; a failure of the user's function comes out as itself, not wrapped in Spark's. */
    static <T> T eagerly(Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) {
            // Spark throws its checked SparkException from Scala code, undeclared: catching RuntimeException misses it.
            Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Throwable cause = e; cause != null && seen.add(cause); cause = cause.getCause()) {
                if (cause instanceof FunctionFailure failure) {
                    throw failure;
                }
                Optional<FunctionFailure> remote = RemoteFailure.parse(cause.getMessage());
                if (remote.isPresent()) {
                    throw remote.get();
                }
            }
            throw TransformRun.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Exception e) throws E {
        throw (E) e;
    }

    private static MagicError tooMany(long cap) {
        return new MagicError(ErrorName.TOO_MANY_ROWS, String.format(Locale.ROOT, "the output has more than %,d rows, too many for"
                + " the notebook; leave out asLocal() to keep it on Spark, or saveTo(\"...\") to write it as Parquet", cap));
    }

    private static Row dropLast(Row row) {
        Object[] values = new Object[row.length() - 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return org.apache.spark.sql.RowFactory.create(values);
    }

    private List<Row> filterLocal(TransformInput.Local local, GroupCall call) {
        if (options.onlyGroups().isEmpty()) {
            return local.rows();
        }
        Set<List<Object>> wanted = wantedKeys(options.onlyGroups().get().keys());
        int[] keys = call.keys();
        List<Row> kept = new ArrayList<>();
        for (Row row : local.rows()) {
            Object[] key = new Object[keys.length];
            for (int i = 0; i < keys.length; i++) {
                key[i] = row.get(keys[i]);
            }
            if (wanted.contains(Arrays.asList(key))) {
                kept.add(row);
            }
        }
        return kept;
    }

    private Dataset<Row> filterSpark(Dataset<Row> dataset) {
        if (options.onlyGroups().isEmpty()) {
            return dataset;
        }
        List<String> keys = options.partition().keys();
        DataFrame wanted = keyColumns(options.onlyGroups().get().keys());
        Dataset<Row> keyRows = SparkTables.toSpark(dataset.sparkSession(), wanted);
        return dataset.join(keyRows, scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq(), "left_semi");
    }

    private Set<List<Object>> wantedKeys(DataFrame failures) {
        DataFrame keys = keyColumns(failures);
        Set<List<Object>> wanted = new HashSet<>();
        for (int r = 0; r < keys.height(); r++) {
            Object[] key = new Object[keys.width()];
            for (int c = 0; c < key.length; c++) {
                key[c] = keys.getColumn(c).get(r);
            }
            wanted.add(Arrays.asList(key));
        }
        return wanted;
    }

    private DataFrame keyColumns(DataFrame failures) {
        List<String> keys = options.partition().keys();
        List<String> columns = List.of(failures.getColumnsIndex().toArray());
        for (String key : keys) {
            if (!columns.contains(key)) {
                throw new MagicError(ErrorName.BAD_PARTITION_SPEC, "onlyGroups(...): the failures have no key column '" + key
                        + "' (their columns: " + columns + "); give the same partitionBy(...) as the run that failed");
            }
        }
        return failures.cols(keys.toArray(String[]::new)).select();
    }
}
