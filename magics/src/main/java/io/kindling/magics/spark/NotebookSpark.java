package io.kindling.magics.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;

import java.util.List;
import java.util.Optional;

/**
 * The notebook's Spark, as cells see it: bound in every notebook as {@code Spark}. Only what users call is
 * here, so completion on {@code Spark.} lists it and nothing of the kernel's wiring ({@link SparkClusters}
 * implements it, together with the engine lifecycle the kernel drives).
 * <pre>{@code
 * try (var cluster = Spark.kubernetes().executors(8).cores(2).memory("4g").start()) {
 *     var spark = cluster.session();
 *     spark.range(1_000).map((MapFunction<Long, Long>) i -> i * i, Encoders.LONG()).count();
 * }
 * Spark.session().sql("SELECT 1").show();   // local Spark in the kernel's JVM
 * }</pre>
 */
public interface NotebookSpark {

    /** Spark in the kernel's JVM. */
    LocalClusterBuilder local();

    /** An ephemeral cluster of executor pods; unset settings come from the profiles file. */
    KubernetesClusterBuilder kubernetes();

    /** The running cluster's session, or else the notebook's local session (started on first use). */
    SparkSession session();

    /**
     * A DataFrame of records on the notebook's session.
     * <pre>{@code
     * record Ride(String region, double km) {}
     * Spark.dataFrame(List.of(new Ride("north", 4.2), new Ride("south", 9.8))).groupBy("region").sum("km").show();
     * }</pre>
     */
    <R extends Record> Dataset<Row> dataFrame(List<R> records);

    /** A DFLib table as a Spark DataFrame on the notebook's session, each column typed from its values. */
    Dataset<Row> dataFrame(DataFrame frame);

    /** At most {@code limit} rows of a Spark DataFrame as a DFLib table; says so when rows were left behind. */
    DataFrame toLocal(Dataset<Row> frame, long limit);

    /** Collects a DataFrame as records of {@code type}, matching columns to components by name. */
    <R extends Record> List<R> records(Dataset<Row> frame, Class<R> type);

    /** The session cells run on now, without starting one: the running cluster's, else the local one if started. */
    Optional<SparkSession> running();

    /** The cluster started with {@code start()} and not closed yet. */
    Optional<SparkCluster> active();
}
