package io.kindling.magics.transform;

import io.kindling.magics.spark.SparkCluster;
import io.kindling.magics.spark.NotebookSpark;
import io.kindling.magics.transform.Shape.Container;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;

import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * {@code transform} and {@code outTransform}: existing per-group logic run in parallel with one call,
 * statically imported in every notebook. The function knows nothing of Spark; the classes and shapes
 * named in the call say how rows become its input and how its output becomes rows.
 * <pre>{@code
 * record Ride(String region, long rideId, double km) implements Serializable {}
 * record Prediction(String region, long rideId, double score) implements Serializable {}
 * List<Prediction> predict(List<Ride> rides) { ... }            // one region at a time
 *
 * DataFrame preds = transform(rides, Ride.class, Prediction.class, rs -> predict(rs), partitionBy("region"));
 * Dataset<Row> big = transform(ridesOnSpark, Ride.class, Prediction.class, rs -> predict(rs), partitionBy("region"));
 * outTransform(tasks, Task.class, ts -> computeTasks(ts), num("ROWCOUNT"), algo("even"), on(cluster));
 * DataFrame scored = transform(rides, streamOfMaps(), streamOfMaps("*,score:double"),
 *         rows -> rows.peek(r -> r.put("score", 1.0)));
 * }</pre>
 * Engines: local input (a DFLib DataFrame, a List or Iterable of records or maps) without
 * {@code on(...)} runs in the kernel's JVM on a pool of its cores, no Spark started, and
 * {@code transform} returns a DFLib {@code DataFrame}; anything else runs on Spark (the Dataset's own
 * session, or {@code on(...)}; a Parquet handle or path on the notebook's running session), lazily:
 * {@code transform} returns a {@code Dataset<Row>}. {@code asLocal()} collects it, {@code saveTo(uri)}
 * writes Parquet and returns the {@code ParquetTable}. The result's type depends on where it ran, so
 * declare the variable with the type you expect ({@code DataFrame out = transform(...)}).
 */
public final class Transforms {
    /** The most rows {@link #asLocal()} brings into the notebook, as {@code %%presto} does. */
    public static final long AS_LOCAL_MAX_ROWS = 1_000_000;

    private Transforms() {
    }

    // ---- transform: records in, records out

    /** {@code List<I>} in, {@code List<O>} out: the output schema is {@code O}'s components. */
    public static <I extends Record, O extends Record, T> T transform(Object input, Class<I> in, Class<O> out,
                                                                      GroupFunction<List<I>, List<O>> function,
                                                                      TransformOption... options) {
        return transform(input, listOf(in), listOf(out), function, options);
    }

    /** As above, with the call's {@link #params} handed to the function. */
    public static <I extends Record, O extends Record, T> T transform(Object input, Class<I> in, Class<O> out,
                                                                      ParamGroupFunction<List<I>, List<O>> function,
                                                                      TransformOption... options) {
        return transform(input, listOf(in), listOf(out), function, options);
    }

    /** {@code List<I>} in, maps out with a Fugue schema string such as {@code "*,score:double"}. */
    public static <I extends Record, T> T transform(Object input, Class<I> in,
                                                    GroupFunction<List<I>, List<Map<String, Object>>> function, String schema,
                                                    TransformOption... options) {
        return transform(input, listOf(in), listOfMaps(schema), function, options);
    }

    // ---- transform: any shapes

    /** Any input and output shape: {@code listOf(Ride.class)}, {@code streamOfMaps()}, {@code dataFrame("*,x:int")}... */
    public static <I, O, T> T transform(Object input, Shape<I> in, Shape<O> out, GroupFunction<I, O> function,
                                        TransformOption... options) {
        requireNonNull(function, "function is null");
        return run(input, in, requireNonNull(out, "out is null"), (group, params) -> function.apply(cast(group)), options);
    }

    /** As above, with the call's {@link #params} handed to the function. */
    public static <I, O, T> T transform(Object input, Shape<I> in, Shape<O> out, ParamGroupFunction<I, O> function,
                                        TransformOption... options) {
        requireNonNull(function, "function is null");
        return run(input, in, requireNonNull(out, "out is null"), (group, params) -> function.apply(cast(group), params), options);
    }

    // ---- outTransform: eager, returns nothing

    /** Runs {@code action} on every group (or partition) of {@code List<I>} now, and returns when all are done. */
    public static <I extends Record> void outTransform(Object input, Class<I> in, GroupAction<List<I>> action,
                                                       TransformOption... options) {
        outTransform(input, listOf(in), action, options);
    }

    public static <I> void outTransform(Object input, Shape<I> in, GroupAction<I> action, TransformOption... options) {
        requireNonNull(action, "action is null");
        run(input, in, null, (group, params) -> {
            action.accept(cast(group));
            return null;
        }, options);
    }

    public static <I> void outTransform(Object input, Shape<I> in, ParamGroupAction<I> action, TransformOption... options) {
        requireNonNull(action, "action is null");
        run(input, in, null, (group, params) -> {
            action.accept(cast(group), params);
            return null;
        }, options);
    }

    // ---- shapes

    public static <R extends Record> Shape<List<R>> listOf(Class<R> type) {
        return new Shape<>(Container.LIST, requireNonNull(type, "type is null"), null);
    }

    public static <R extends Record> Shape<Iterable<R>> iterableOf(Class<R> type) {
        return new Shape<>(Container.ITERABLE, requireNonNull(type, "type is null"), null);
    }

    public static <R extends Record> Shape<Iterator<R>> iteratorOf(Class<R> type) {
        return new Shape<>(Container.ITERATOR, requireNonNull(type, "type is null"), null);
    }

    public static <R extends Record> Shape<Stream<R>> streamOf(Class<R> type) {
        return new Shape<>(Container.STREAM, requireNonNull(type, "type is null"), null);
    }

    /** Rows as mutable maps, column name to value (an input shape). */
    public static Shape<List<Map<String, Object>>> listOfMaps() {
        return new Shape<>(Container.LIST, null, null);
    }

    /** Maps as output rows, with their columns in a Fugue schema string ({@code "*,score:double"}). */
    public static Shape<List<Map<String, Object>>> listOfMaps(String schema) {
        return new Shape<>(Container.LIST, null, requireNonNull(schema, "schema is null"));
    }

    public static Shape<Iterable<Map<String, Object>>> iterableOfMaps() {
        return new Shape<>(Container.ITERABLE, null, null);
    }

    public static Shape<Iterable<Map<String, Object>>> iterableOfMaps(String schema) {
        return new Shape<>(Container.ITERABLE, null, requireNonNull(schema, "schema is null"));
    }

    public static Shape<Iterator<Map<String, Object>>> iteratorOfMaps() {
        return new Shape<>(Container.ITERATOR, null, null);
    }

    public static Shape<Iterator<Map<String, Object>>> iteratorOfMaps(String schema) {
        return new Shape<>(Container.ITERATOR, null, requireNonNull(schema, "schema is null"));
    }

    public static Shape<Stream<Map<String, Object>>> streamOfMaps() {
        return new Shape<>(Container.STREAM, null, null);
    }

    public static Shape<Stream<Map<String, Object>>> streamOfMaps(String schema) {
        return new Shape<>(Container.STREAM, null, requireNonNull(schema, "schema is null"));
    }

    /** A group as a DFLib DataFrame (an input shape). */
    public static Shape<DataFrame> dataFrame() {
        return new Shape<>(Container.DATAFRAME, null, null);
    }

    /** A DFLib DataFrame as output, with its columns in a Fugue schema string. */
    public static Shape<DataFrame> dataFrame(String schema) {
        return new Shape<>(Container.DATAFRAME, null, requireNonNull(schema, "schema is null"));
    }

    // ---- options

    /** One call per group of equal values in these columns; a group is never split. */
    public static TransformOption partitionBy(String... columns) {
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException("partitionBy needs at least one column");
        }
        return new TransformOption.PartitionKeys(List.of(columns));
    }

    /** Rows of each group (or partition) in this order, e.g. {@code "day desc, rideId"}. */
    public static TransformOption presort(String presort) {
        return new TransformOption.Presort(SortKey.parse(presort));
    }

    /** The number of partitions. */
    public static TransformOption num(int partitions) {
        return new TransformOption.Num(NumExpression.of(partitions));
    }

    /** The number of partitions from {@code ROWCOUNT} and {@code CONCURRENCY}, e.g. {@code "ROWCOUNT/1000"}. */
    public static TransformOption num(String expression) {
        return new TransformOption.Num(NumExpression.parse(requireNonNull(expression, "expression is null")));
    }

    /** How rows reach partitions: {@code "hash"} (default), {@code "rand"}, {@code "even"} or {@code "coarse"}. */
    public static TransformOption algo(String algorithm) {
        return new TransformOption.Algorithm(PartitionAlgorithm.named(requireNonNull(algorithm, "algorithm is null")));
    }

    /** Run on this cluster's Spark. */
    public static TransformOption on(SparkCluster cluster) {
        requireNonNull(cluster, "cluster is null");
        return new TransformOption.On(cluster::session, cluster.toString());
    }

    /** Run on the notebook's Spark ({@code on(Spark)}): the running cluster's session, else the local one. */
    public static TransformOption on(NotebookSpark spark) {
        requireNonNull(spark, "spark is null");
        return new TransformOption.On(spark::session, "the notebook's Spark");
    }

    /** Run on this Spark session. */
    public static TransformOption on(SparkSession session) {
        requireNonNull(session, "session is null");
        return new TransformOption.On(() -> session, "Spark session " + session.sparkContext().applicationId());
    }

    /** Values handed to a two-argument function, {@code (rows, params) -> ...}; they must be serializable for Spark. */
    public static TransformOption params(Map<String, ?> values) {
        return new TransformOption.Params(Map.copyOf(requireNonNull(values, "values is null")));
    }

    public static TransformOption onError(ErrorPolicy policy) {
        return new TransformOption.OnError(policy);
    }

    /** Let the other groups finish and return the failed ones: {@code onError(collectFailures())}. */
    public static ErrorPolicy collectFailures() {
        return ErrorPolicy.COLLECT;
    }

    /** Fail the call on the first failed group: the default. */
    public static ErrorPolicy failFast() {
        return ErrorPolicy.FAIL;
    }

    /** Bring Spark's output into the notebook as a DFLib DataFrame, at most {@value #AS_LOCAL_MAX_ROWS} rows. */
    public static TransformOption asLocal() {
        return asLocal(AS_LOCAL_MAX_ROWS);
    }

    public static TransformOption asLocal(long maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must not be negative: " + maxRows);
        }
        return new TransformOption.AsLocal(maxRows);
    }

    /** Write the output as Parquet files at {@code uri} and return their {@code ParquetTable} handle. */
    public static TransformOption saveTo(String uri) {
        return saveTo(URI.create(requireNonNull(uri, "uri is null")));
    }

    public static TransformOption saveTo(URI uri) {
        return new TransformOption.SaveTo(uri);
    }

    /** Only the groups that failed in {@code outcome}: re-runs them with the same call. */
    public static TransformOption onlyGroups(TransformOutcome outcome) {
        return onlyGroups(requireNonNull(outcome, "outcome is null").failures());
    }

    /** Only the groups whose keys this table lists (a failures table, or any table with the key columns). */
    public static TransformOption onlyGroups(DataFrame keys) {
        return new TransformOption.OnlyGroups(keys);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T run(Object input, Shape<?> in, Shape<?> out, Invoker invoker, TransformOption[] options) {
        requireNonNull(in, "in is null");
        return (T) new TransformRun(in, out, invoker, CallOptions.of(options)).run(input);
    }
}
