package io.kindling.magics.spark;

import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.ForeachFunction;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.function.ReduceFunction;

import static java.util.Objects.requireNonNull;

/**
 * Plain lambdas for Spark's typed Dataset operations, without casts. Every notebook imports these
 * statically.
 *
 * <p>Each operation such as {@code Dataset.map} takes either a Scala function or Spark's Java
 * functional interface, so javac rejects a bare lambda as ambiguous and users end up writing
 * {@code (MapFunction<Long, Long>) i -> i * i}. These methods name the interface once, infer every type
 * argument from the Dataset, and return the lambda itself: it stays serializable, and the cell class
 * it was written in is still the class executors load it from.
 *
 * <pre>{@code
 * long squares = Spark.session().range(1, 101)
 *     .filter(filterFunction(i -> i % 2 == 0))
 *     .map(mapFunction(i -> i * i), Encoders.LONG())
 *     .reduce(reduceFunction(Long::sum));
 * }</pre>
 */
public final class SparkLambdas {
    private SparkLambdas() {
    }

    /** For {@code map}, {@code groupByKey} and {@code mapValues}. */
    public static <T, R> MapFunction<T, R> mapFunction(MapFunction<T, R> function) {
        return requireNonNull(function, "function is null");
    }

    /** For {@code filter}. */
    public static <T> FilterFunction<T> filterFunction(FilterFunction<T> function) {
        return requireNonNull(function, "function is null");
    }

    /** For {@code flatMap}: the lambda returns an {@link java.util.Iterator}. */
    public static <T, R> FlatMapFunction<T, R> flatMapFunction(FlatMapFunction<T, R> function) {
        return requireNonNull(function, "function is null");
    }

    /** For {@code mapPartitions}. */
    public static <T, R> MapPartitionsFunction<T, R> mapPartitionsFunction(MapPartitionsFunction<T, R> function) {
        return requireNonNull(function, "function is null");
    }

    /** For {@code reduce} and {@code reduceGroups}. */
    public static <T> ReduceFunction<T> reduceFunction(ReduceFunction<T> function) {
        return requireNonNull(function, "function is null");
    }

    /** For {@code foreach}. */
    public static <T> ForeachFunction<T> foreachFunction(ForeachFunction<T> function) {
        return requireNonNull(function, "function is null");
    }

    /** For {@code foreachPartition}. */
    public static <T> ForeachPartitionFunction<T> foreachPartitionFunction(ForeachPartitionFunction<T> function) {
        return requireNonNull(function, "function is null");
    }

    /** For {@code mapGroups} after {@code groupByKey}. */
    public static <K, V, R> MapGroupsFunction<K, V, R> mapGroupsFunction(MapGroupsFunction<K, V, R> function) {
        return requireNonNull(function, "function is null");
    }

    /** For {@code flatMapGroups} after {@code groupByKey}. */
    public static <K, V, R> FlatMapGroupsFunction<K, V, R> flatMapGroupsFunction(FlatMapGroupsFunction<K, V, R> function) {
        return requireNonNull(function, "function is null");
    }
}
