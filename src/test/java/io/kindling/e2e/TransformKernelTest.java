package io.kindling.e2e;

import io.kindling.magics.spark.k8s.LocalKubelet;
import io.kindling.magics.spark.k8s.MockKubernetes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * transform and outTransform in notebook cells of the real kernel: statically imported, run on records
 * and methods defined in earlier cells, locally in the kernel and on a Kubernetes cluster whose executor
 * pods are separate JVMs (the mock API server plus local kubelet), which load the cells' classes.
 */
class TransformKernelTest {
    private static KubernetesFixture fixture;
    private static MockKubernetes kubernetes;
    private static LocalKubelet kubelet;

    @BeforeAll
    static void startFixture() {
        fixture = KubernetesFixture.start();
        kubernetes = fixture.kubernetes();
        kubelet = fixture.kubelet();
    }

    @AfterAll
    static void stopFixture() throws Exception {
        fixture.close();
    }

    private static JupyterDriver kernel() throws Exception {
        return JupyterDriver.start(InstalledKernel.get(), fixture.kernelEnvironment());
    }

    private static final String RIDES = """
            record Ride(String region, long rideId, double km) implements Serializable {}
            record Prediction(String region, long rideId, double score) implements Serializable {}
            List<Prediction> predict(List<Ride> rides) {
                double mean = rides.stream().mapToDouble(Ride::km).average().orElse(1);
                if (rides.get(0).region().equals("nowhere")) {
                    throw new IllegalStateException("no model for " + rides.get(0).region());
                }
                return rides.stream().map(r -> new Prediction(r.region(), r.rideId(), r.km() / mean)).toList();
            }
            var rides = new ArrayList<Ride>();
            for (long i = 0; i < 30; i++) {
                rides.add(new Ride(List.of("north", "south", "east").get((int) (i % 3)), i, 1 + i % 5));
            }
            """;

    @Test
    void aCellTransformsRecordsWithItsOwnFunctionLocally() throws Exception {
        try (JupyterDriver kernel = kernel()) {
            JupyterDriver.Execution setup = kernel.execute(RIDES);
            assertThat(setup.status()).as(setup.raw().toString()).isEqualTo("ok");

            JupyterDriver.Execution preds = kernel.execute("""
                    DataFrame preds = transform(rides, Ride.class, Prediction.class, rs -> predict(rs), partitionBy("region"),
                            presort("rideId"));
                    preds
                    """);
            assertThat(preds.status()).as(preds.raw().toString()).isEqualTo("ok");
            assertThat(preds.resultText()).contains("region", "rideId", "score", "north", "30 rows");
            assertThat(kernel.execute("Math.round(preds.getColumn(\"score\").castAsDouble().sum())").resultText()).isEqualTo("30");
            assertThat(kernel.execute("Spark.running().isPresent()").resultText()).as("no Spark for local input").isEqualTo("false");

            JupyterDriver.Execution failed = kernel.execute("""
                    transform(List.of(new Ride("nowhere", 1, 2.0)), Ride.class, Prediction.class, rs -> predict(rs), partitionBy("region"))
                    """);
            assertThat(failed.status()).isEqualTo("error");
            assertThat(failed.traceback()).contains("FUNCTION_FAILED: the function failed on group region=nowhere",
                    "first row: region=nowhere, rideId=1, km=2.0", "no model for nowhere")
                    .containsPattern("at predict\\(cell \\[\\d+\\] line \\d+\\)")
                    .containsPattern("at lambda\\$do_it\\$.*\\(cell \\[\\d+\\] line 1\\)")
                    .doesNotContain("GroupCall", "LocalEngine");

            JupyterDriver.Execution mismatch = kernel.execute("""
                    record Wrong(String region, String km) implements Serializable {}
                    transform(rides, Wrong.class, Prediction.class, ws -> List.<Prediction>of())
                    """);
            assertThat(mismatch.traceback()).contains("TYPE_MISMATCH", "Wrong.km is java.lang.String (string) but column 'km' is double");
        }
    }

    @Test
    void cellRecordsAndLambdasRunOnExecutorPodsTheSleepExampleInParallel() throws Exception {
        try (JupyterDriver kernel = kernel()) {
            assertThat(kernel.execute(RIDES).status()).isEqualTo("ok");
            JupyterDriver.Execution setup = kernel.execute("""
                    record Task(int id, double a) implements Serializable {}
                    record Done(int id, String executor, long startedMillis, long endedMillis) implements Serializable {}
                    List<Done> computeTasks(List<Task> tasks) throws InterruptedException {
                        var done = new ArrayList<Done>();
                        for (Task t : tasks) {
                            long started = System.currentTimeMillis();
                            Thread.sleep(250);
                            done.add(new Done(t.id(), org.apache.spark.SparkEnv.get().executorId(), started, System.currentTimeMillis()));
                        }
                        return done;
                    }
                    var tasks = IntStream.range(0, 40).mapToObj(i -> new Task(i, i * 0.5)).toList();
                    """);
            assertThat(setup.status()).as(setup.raw().toString()).isEqualTo("ok");
            JupyterDriver.Execution run = kernel.execute("""
                    DataFrame done;
                    DataFrame scores;
                    try (var cluster = Spark.kubernetes().executors(2).cores(2).memory("512m").start()) {
                        outTransform(tasks, Task.class, ts -> computeTasks(ts), num("ROWCOUNT"), algo("even"), on(cluster));
                        done = transform(tasks, Task.class, Done.class, ts -> computeTasks(ts), num("ROWCOUNT"), algo("even"),
                                on(cluster), asLocal());
                        scores = transform(rides, Ride.class, Prediction.class, rs -> predict(rs), partitionBy("region"),
                                on(cluster), asLocal());
                    }
                    long[] starts = done.getColumn("startedMillis").castAsLong().toLongArray();
                    long[] ends = done.getColumn("endedMillis").castAsLong().toLongArray();
                    int most = 0;
                    for (long s : starts) {
                        int running = 0;
                        for (int i = 0; i < starts.length; i++) if (starts[i] <= s && ends[i] > s) running++;
                        most = Math.max(most, running);
                    }
                    List.of(done.height(), new TreeSet<>(List.of(done.getColumn("id").toArray(new Object[0]))).size(),
                            new TreeSet<>(List.of(done.getColumn("executor").toArray(new Object[0]))), most > 2,
                            scores.height(), Math.round(scores.getColumn("score").castAsDouble().sum()))
                    """, Duration.ofMinutes(10));
            assertThat(run.status()).as(run.raw().toString()).isEqualTo("ok");
            assertThat(run.resultText()).isEqualTo("[40, 40, [1, 2], true, 30, 30]");
            // The cluster's jobs showed progress in the cell.
            assertThat(run.types()).contains("display_data", "update_display_data");
        }
    }
}
