package io.kindling.magics.transform;

import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.ParquetTable;
import io.kindling.magics.table.SparkTables;
import io.kindling.magics.transform.Rides.Prediction;
import io.kindling.magics.transform.Rides.Ride;
import org.apache.spark.TaskContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.kindling.magics.transform.Transforms.algo;
import static io.kindling.magics.transform.Transforms.asLocal;
import static io.kindling.magics.transform.Transforms.collectFailures;
import static io.kindling.magics.transform.Transforms.num;
import static io.kindling.magics.transform.Transforms.on;
import static io.kindling.magics.transform.Transforms.onError;
import static io.kindling.magics.transform.Transforms.onlyGroups;
import static io.kindling.magics.transform.Transforms.outTransform;
import static io.kindling.magics.transform.Transforms.partitionBy;
import static io.kindling.magics.transform.Transforms.presort;
import static io.kindling.magics.transform.Transforms.saveTo;
import static io.kindling.magics.transform.Transforms.transform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Spark engine on an in-process Spark with two task slots: the same results as the local engine. */
class SparkTransformTest {
    private static final List<Ride> RIDES = Rides.rides(20);
    /** What each call saw, with the Spark partition it ran in (local mode: executors share this JVM). */
    private static final Queue<Call> CALLS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger BROKEN = new AtomicInteger();
    private static final AtomicInteger JOBS = new AtomicInteger();
    private static SparkSession spark;

    record Call(int partition, List<Ride> rides) implements Serializable {
    }

    record Leg(String stop, double km) implements Serializable {
    }

    record Route(String region, List<Double> kms, Map<String, Long> counts, Leg longest) implements Serializable {
    }

    record Narrow(String region, int rideId) implements Serializable {
    }

    record Wide(String region, long rideId) implements Serializable {
    }

    record Model(String region, double meanKm) implements Serializable {
    }

    @TempDir
    static Path work;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("SparkTransformTest").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                JOBS.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @BeforeEach
    void reset() {
        CALLS.clear();
        BROKEN.set(1);
    }

    private static Dataset<Row> rides() {
        return SparkTables.toSpark(spark, Rides.frame(RIDES));
    }

    private static List<Prediction> collect(Dataset<Row> out) {
        return Rides.predictions(SparkTables.toLocal(out, 1_000_000).dataFrame());
    }

    static List<Rides.Case> cases() {
        return Rides.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyShapeGivesTheSameRowsAsTheLocalEngine(Rides.Case shape) {
        Dataset<Row> out = shape.run(rides(), partitionBy("region"));
        DataFrame local = shape.run(RIDES, partitionBy("region"));
        assertThat(collect(out)).isEqualTo(Rides.expected(RIDES)).isEqualTo(Rides.predictions(local));
    }

    @Test
    void localRowsRunOnSparkWhenAskedAndAsLocalCollects() {
        DataFrame out = transform(RIDES, Ride.class, Prediction.class, Rides::predict, partitionBy("region"), on(spark), asLocal());
        assertThat(Rides.predictions(out)).isEqualTo(Rides.expected(RIDES));
        assertThatThrownBy(() -> transform(rides(), Ride.class, Prediction.class, Rides::predict, asLocal(10)))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("TOO_MANY_ROWS"));
    }

    @Test
    void oneCallPerGroupInPresortOrderNeverSplit() {
        Dataset<Row> out = transform(rides(), Ride.class, Prediction.class, rs -> record(rs), partitionBy("region"),
                presort("km desc"), num(2));
        assertThat(out.count()).isEqualTo(RIDES.size());
        assertThat(CALLS).hasSize(3);
        for (Call call : CALLS) {
            assertThat(call.rides()).hasSize(20);
            assertThat(call.rides().stream().map(Ride::region).distinct()).hasSize(1);
            List<Double> kms = call.rides().stream().map(Ride::km).toList();
            List<Double> sorted = new ArrayList<>(kms);
            sorted.sort(Collections.reverseOrder());
            assertThat(kms).isEqualTo(sorted);
            assertThat(call.partition()).isBetween(0, 1);
        }
    }

    private static List<Prediction> record(List<Ride> rides) {
        CALLS.add(new Call(TaskContext.getPartitionId(), rides));
        return Rides.predict(rides);
    }

    @Test
    void numTakesRowcountAndConcurrencyAndEvenGivesEveryPartitionItsShare() {
        outTransform(rides(), Ride.class, rs -> record(rs), num("ROWCOUNT"), algo("even"));
        assertThat(CALLS).hasSize(RIDES.size()).allSatisfy(call -> assertThat(call.rides()).hasSize(1));
        assertThat(CALLS.stream().map(Call::partition).distinct().count()).isEqualTo(RIDES.size());
        CALLS.clear();
        outTransform(rides(), Ride.class, rs -> record(rs), num("CONCURRENCY"), algo("even"));
        assertThat(CALLS).hasSize(2).allSatisfy(call -> assertThat(call.rides()).hasSize(RIDES.size() / 2));
        CALLS.clear();
        // Rows from the notebook are cut into slices where they are, without a count or a shuffle.
        outTransform(RIDES, Ride.class, rs -> record(rs), num("ROWCOUNT/2"), algo("even"), on(spark));
        assertThat(CALLS).hasSize(RIDES.size() / 2).allSatisfy(call -> assertThat(call.rides()).hasSize(2));
        assertThat(CALLS.stream().flatMap(c -> c.rides().stream()).map(Ride::rideId).sorted().toList())
                .isEqualTo(RIDES.stream().map(Ride::rideId).toList());
        CALLS.clear();
        outTransform(rides(), Ride.class, rs -> record(rs), num("ROWCOUNT/20"), algo("rand"));
        assertThat(CALLS.stream().mapToInt(c -> c.rides().size()).sum()).isEqualTo(RIDES.size());
        assertThat(CALLS.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void evenByKeyDealsGroupsOverPartitionsAndCoarseCallsOncePerPartition() {
        List<Ride> sixRegions = new ArrayList<>();
        for (String region : List.of("a", "b", "c", "d", "e", "f")) {
            for (int i = 0; i < 5; i++) {
                sixRegions.add(new Ride(region, sixRegions.size(), i));
            }
        }
        Dataset<Row> input = SparkTables.toSpark(spark, Rides.frame(sixRegions));
        outTransform(input, Ride.class, rs -> record(rs), partitionBy("region"), num(3), algo("even"));
        assertThat(CALLS).hasSize(6);
        Map<Integer, Long> groupsPerPartition = CALLS.stream().collect(Collectors.groupingBy(Call::partition, Collectors.counting()));
        assertThat(groupsPerPartition).hasSize(3).allSatisfy((partition, groups) -> assertThat(groups).isEqualTo(2));
        CALLS.clear();
        outTransform(input, Ride.class, rs -> record(rs), partitionBy("region"), num(3), algo("coarse"));
        assertThat(CALLS.size()).isBetween(1, 3);
        Set<String> seen = new HashSet<>();
        for (Call call : CALLS) {
            Set<String> regions = new HashSet<>(call.rides().stream().map(Ride::region).toList());
            assertThat(Collections.disjoint(regions, seen)).as("a group in two calls").isTrue();
            seen.addAll(regions);
        }
        assertThat(seen).hasSize(6);
    }

    @Test
    void perRegionInferenceOnThreeRegions() {
        Dataset<Row> scored = transform(rides(), Ride.class, Prediction.class, rs -> {
            Model model = new Model(rs.get(0).region(), rs.stream().mapToDouble(Ride::km).average().orElse(1));
            return rs.stream().map(r -> new Prediction(r.region(), r.rideId(), r.km() / model.meanKm())).toList();
        }, partitionBy("region"));
        List<Row> perRegion = scored.groupBy("region").avg("score").orderBy("region").collectAsList();
        assertThat(perRegion).hasSize(3).allSatisfy(row -> assertThat(row.getDouble(1)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(scored.schema().fieldNames()).containsExactly("region", "rideId", "score");
    }

    @Test
    void nestedRecordsListsAndMapsComeOutTheSameOnBothEngines() {
        GroupFunction<List<Ride>, List<Route>> routes = rs -> List.of(new Route(rs.get(0).region(),
                rs.stream().map(Ride::km).sorted().limit(3).toList(),
                Map.of("rides", (long) rs.size()),
                new Leg("stop-" + rs.get(0).region(), rs.stream().mapToDouble(Ride::km).max().orElse(0))));
        Dataset<Row> onSpark = transform(rides(), Transforms.listOf(Ride.class), Transforms.listOf(Route.class), routes,
                partitionBy("region"));
        DataFrame local = transform(RIDES, Transforms.listOf(Ride.class), Transforms.listOf(Route.class), routes, partitionBy("region"));
        DataFrame collected = SparkTables.toLocal(onSpark.orderBy("region"), 100).dataFrame();
        DataFrame localSorted = local.sort("region", true);
        assertThat(collected.height()).isEqualTo(3);
        for (int r = 0; r < 3; r++) {
            for (String column : List.of("region", "kms", "counts", "longest")) {
                assertThat(collected.getColumn(column).get(r)).as(column).isEqualTo(localSorted.getColumn(column).get(r));
            }
        }
        assertThat(collected.getColumn("kms").get(0)).isEqualTo(List.of(1.0, 2.0, 3.0));
    }

    @Test
    void narrowerColumnsWidenIntoTheRecordsComponents() {
        Dataset<Row> narrow = spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("north", 7)),
                new org.apache.spark.sql.types.StructType().add("region", "string").add("rideId", "int"));
        DataFrame out = transform(narrow, Wide.class, Wide.class, ws -> ws, asLocal());
        assertThat(out.getColumn("rideId").get(0)).isEqualTo(7L);
    }

    @Test
    void aFailingFunctionNamesTheGroupAndItsOwnFramesAndCollectedFailuresReRun() {
        Dataset<Row> lazy = transform(rides(), Ride.class, Prediction.class, rs -> flaky(rs), partitionBy("region"));
        assertThatThrownBy(() -> transform(rides(), Ride.class, Prediction.class, rs -> flaky(rs),
                partitionBy("region"), presort("rideId"), asLocal()))
                .isInstanceOfSatisfying(FunctionFailure.class, failure -> {
                    assertThat(failure.group()).isEqualTo("region=south");
                    assertThat(failure.firstRow()).isEqualTo("region=south, rideId=1, km=1.0");
                    assertThat(failure.getStackTrace()).extracting(StackTraceElement::getMethodName).contains("flaky");
                    assertThat(failure.getStackTrace()).extracting(StackTraceElement::getClassName)
                            .noneMatch(c -> c.startsWith("org.apache.spark") || c.startsWith("scala."));
                });
        assertThatThrownBy(lazy::count).as("lazily, Spark's own error carries the same message")
                .hasMessageContaining("FUNCTION_FAILED: the function failed on group region=south");

        TransformOutcome first = transform(rides(), Ride.class, Prediction.class, rs -> flaky(rs),
                partitionBy("region"), onError(collectFailures()));
        assertThat(first.failures().height()).isEqualTo(1);
        assertThat(first.failures().getColumn("region").get(0)).isEqualTo("south");
        assertThat(first.failures().getColumn("message").get(0)).isEqualTo("no model for south");
        Dataset<Row> succeeded = first.result();
        assertThat(collect(succeeded)).isEqualTo(Rides.expected(RIDES).stream().filter(p -> !p.region().equals("south")).toList());

        BROKEN.set(0);
        Dataset<Row> retried = transform(rides(), Ride.class, Prediction.class, rs -> record(SparkTransformTest.fixed(rs)),
                partitionBy("region"), onlyGroups(first));
        assertThat(collect(retried)).isEqualTo(Rides.expected(RIDES).stream().filter(p -> p.region().equals("south")).toList());
        assertThat(CALLS).hasSize(1);
    }

    static List<Prediction> flaky(List<Ride> rides) {
        if (rides.get(0).region().equals("south") && BROKEN.get() == 1) {
            throw new IllegalStateException("no model for south");
        }
        return Rides.predict(rides);
    }

    static List<Ride> fixed(List<Ride> rides) {
        return rides;
    }

    @Test
    void aTypeMismatchFailsBeforeAnyJobRuns() throws Exception {
        spark.sparkContext().listenerBus().waitUntilEmpty();
        int jobsBefore = JOBS.get();
        Dataset<Row> input = rides();
        assertThatThrownBy(() -> transform(input, Narrow.class, Prediction.class, rs -> List.<Prediction>of(), partitionBy("region")))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("TYPE_MISMATCH"))
                .hasMessageContaining("Narrow.rideId is int (int) but column 'rideId' is bigint");
        spark.sparkContext().listenerBus().waitUntilEmpty();
        assertThat(JOBS.get()).as("no Spark job started").isEqualTo(jobsBefore);
    }

    @Test
    void saveToWritesParquetAndAParquetHandleIsAnInput() {
        String location = work.resolve("predictions").toUri().toString();
        ParquetTable saved = transform(rides(), Ride.class, Prediction.class, Rides::predict, partitionBy("region"), saveTo(location));
        assertThat(saved.rows()).isEqualTo(RIDES.size());
        // A handle is read on the notebook's running session.
        DataFrame again = transform(saved, Prediction.class, Prediction.class, ps -> ps, asLocal());
        assertThat(Rides.predictions(again)).isEqualTo(Rides.expected(RIDES));
        DataFrame fromPath = transform(location, Prediction.class, Prediction.class, ps -> ps, asLocal());
        assertThat(fromPath.height()).isEqualTo(RIDES.size());
    }

    @Test
    void unsupportedInputsSayWhatIsAccepted() {
        assertThatThrownBy(() -> transform(42, Ride.class, Prediction.class, Rides::predict))
                .hasMessageContaining("transform cannot read a java.lang.Integer; give a DFLib DataFrame");
        assertThatThrownBy(() -> transform(List.of(), Transforms.listOfMaps(), Transforms.listOfMaps("*"), rows -> rows))
                .hasMessageContaining("the input list is empty and its rows are maps");
    }
}
