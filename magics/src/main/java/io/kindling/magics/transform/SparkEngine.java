package io.kindling.magics.transform;

import io.kindling.magics.table.SparkTables;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.encoders.RowEncoder;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plans a call on Spark, lazily: the input is distributed as the partition spec says (a group always
 * within one partition), sorted within partitions by key and presort, and {@code mapPartitions} runs
 * the {@link GroupCall} over each partition with Row encoders on both sides. That is the plan Spark
 * makes for a hand-written {@code groupByKey().flatMapGroups()} (exchange, sort, map), plus control of
 * the partition count and placement. Only {@code ROWCOUNT} in {@code num} and the even algorithm run
 * a job while planning (a count, the distinct keys).
 */
final class SparkEngine {
    private SparkEngine() {
    }

    static Dataset<Row> plan(Dataset<Row> input, GroupCall call, PartitionSpec spec) {
        return plan(input, call, spec, OptionalLong.empty());
    }

    /** @param knownRows the input's row count when it is known without a job (rows from the notebook) */
    static Dataset<Row> plan(Dataset<Row> input, GroupCall call, PartitionSpec spec, OptionalLong knownRows) {
        Dataset<Row> rows = SparkTables.withJavaTime(input);
        SparkSession spark = rows.sparkSession();
        int concurrency = spark.sparkContext().defaultParallelism();
        boolean counted = spec.num().isPresent() && spec.num().get().needsRowCount() || spec.algorithm() == PartitionAlgorithm.EVEN
                && spec.keys().isEmpty() && spec.num().isPresent();
        long rowCount = counted ? (knownRows.isPresent() ? knownRows.getAsLong() : rows.count()) : 0;
        Integer n = spec.num().map(e -> e.evaluate(rowCount, concurrency)).orElse(null);
        Dataset<Row> distributed = distribute(rows, spec, n, rowCount, concurrency);
        List<SortKey> sort = spec.sortWithinPartitions();
        if (!sort.isEmpty()) {
            distributed = distributed.sortWithinPartitions(sort.stream()
                    .map(k -> k.ascending() ? functions.col(k.column()).asc_nulls_first() : functions.col(k.column()).desc_nulls_last())
                    .toArray(Column[]::new));
        }
        return distributed.mapPartitions(call, encoder(call.resultSchema()));
    }

    /**
     * Rows from the notebook on Spark. Without keys, {@code num} partitions of them are cut here, as
     * consecutive equal slices (what even asks for, and as good as any for hash and coarse): no count,
     * no shuffle, which is what the blog's 100 tasks on a fresh cluster want.
     *
     * @return the rows, and the spec left for {@link #plan} to apply
     */
    static Map.Entry<Dataset<Row>, PartitionSpec> fromNotebook(SparkSession spark, List<Row> rows, StructType schema,
                                                               PartitionSpec spec) {
        boolean slices = spec.keys().isEmpty() && spec.num().isPresent() && spec.algorithm() != PartitionAlgorithm.RAND;
        if (!slices || rows.isEmpty()) {
            return Map.entry(spark.createDataFrame(rows, schema), spec);
        }
        int n = Math.min(rows.size(), spec.num().get().evaluate(rows.size(), spark.sparkContext().defaultParallelism()));
        JavaRDD<Row> sliced = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, n);
        return Map.entry(spark.createDataFrame(sliced, schema),
                new PartitionSpec(List.of(), spec.presort(), java.util.Optional.empty(), PartitionAlgorithm.HASH));
    }

    /** External rows of {@code schema}, accepting {@code java.time} and {@code java.sql} values alike. */
    static Encoder<Row> encoder(StructType schema) {
        return ExpressionEncoder.apply(RowEncoder.encoderFor(schema, true));
    }

    private static Dataset<Row> distribute(Dataset<Row> rows, PartitionSpec spec, Integer n, long rowCount, int concurrency) {
        Column[] keys = spec.keys().stream().map(functions::col).toArray(Column[]::new);
        if (keys.length > 0) {
            return switch (spec.algorithm()) {
                case HASH, COARSE -> n == null ? rows.repartition(keys) : rows.repartition(n, keys);
                case RAND -> {
                    // A random seed per call: groups stay whole, their placement differs from the key hash.
                    Column salted = functions.hash(concat(functions.lit(ThreadLocalRandom.current().nextInt()), keys));
                    yield n == null ? rows.repartition(salted) : rows.repartition(n, salted);
                }
                case EVEN -> evenByKey(rows, spec, n == null ? concurrency : n);
            };
        }
        if (n == null) {
            return rows;
        }
        return switch (spec.algorithm()) {
            case HASH -> rows.repartition(n);
            case RAND -> rows.repartition(n, functions.rand());
            case COARSE -> rows.coalesce(n);
            case EVEN -> evenRows(rows, n, rowCount);
        };
    }

    private static Column[] concat(Column first, Column[] rest) {
        Column[] all = Arrays.copyOf(new Column[]{first}, rest.length + 1);
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Consecutive row ranges of equal size: row i of {@code count} goes to partition {@code i * n / count}. */
    private static Dataset<Row> evenRows(Dataset<Row> rows, int n, long count) {
        if (count == 0) {
            return rows;
        }
        int partitions = (int) Math.min(n, count);
        JavaRDD<Row> placed = rows.javaRDD().zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2() * partitions / count, t._1()))
                .partitionBy(new IndexPartitioner(partitions)).values();
        return rows.sparkSession().createDataFrame(placed, rows.schema());
    }

    /** Groups dealt to partitions one by one in key order, so partitions differ by at most one group. */
    private static Dataset<Row> evenByKey(Dataset<Row> rows, PartitionSpec spec, int n) {
        String[] names = spec.keys().toArray(String[]::new);
        List<Row> distinct = rows.select(names[0], Arrays.copyOfRange(names, 1, names.length)).distinct()
                .sort(names[0], Arrays.copyOfRange(names, 1, names.length)).collectAsList();
        HashMap<List<Object>, Long> index = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            index.put(values(distinct.get(i), names.length), (long) (i % n));
        }
        int[] columns = spec.keys().stream().mapToInt(k -> Arrays.asList(rows.schema().fieldNames()).indexOf(k)).toArray();
        Map<List<Object>, Long> placement = index;
        JavaRDD<Row> placed = rows.javaRDD()
                .mapToPair(row -> new Tuple2<>(placement.get(keyOf(row, columns)), row))
                .partitionBy(new IndexPartitioner(n)).values();
        return rows.sparkSession().createDataFrame(placed, rows.schema());
    }

    private static List<Object> values(Row row, int width) {
        Object[] values = new Object[width];
        for (int i = 0; i < width; i++) {
            values[i] = row.get(i);
        }
        return Arrays.asList(values);
    }

    private static List<Object> keyOf(Row row, int[] columns) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = row.get(columns[i]);
        }
        return Arrays.asList(values);
    }

    /** Partition {@code i} for key {@code i}: placement decided beforehand. */
    private static final class IndexPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        IndexPartitioner(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) Math.floorMod((Long) key, (long) partitions);
        }
    }
}
