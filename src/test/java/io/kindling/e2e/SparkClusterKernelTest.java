package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.kindling.magics.spark.k8s.LocalKubelet;
import io.kindling.magics.spark.k8s.MockKubernetes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ephemeral Kubernetes clusters started from notebook cells of the real kernel: Spark's own Kubernetes
 * backend in the kernel creates executor pods on the mock API server, the local kubelet runs each as a
 * real executor JVM on the kernel's jars. Cell code (records, lambdas) runs there, and no pod or JVM
 * outlives its cluster: not after an exception, an interrupt, a shutdown or a killed kernel.
 */
class SparkClusterKernelTest {
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

    @AfterEach
    void nothingLeaks() throws Exception {
        fixture.awaitNoPods(Duration.ofSeconds(30));
        kubelet.awaitNoRunningJvms(Duration.ofSeconds(30));
    }

    private static JupyterDriver kernel() throws Exception {
        return JupyterDriver.start(InstalledKernel.get(), fixture.kernelEnvironment());
    }

    /** Alive and not a zombie: an orphan's exit is only reaped if this machine's init does so. */
    private static boolean running(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aClusterKeptInAVariableRunsCellCodeOnSeparateExecutorJvmsThroughFailuresAndInterruptsUntilClosed() throws Exception {
        Path started = Files.createTempDirectory(InstalledKernel.work(), "interrupt-started-");
        try (JupyterDriver kernel = kernel()) {
            assertThat(kernel.execute("""
                    record Ride(String region, double km) implements java.io.Serializable {}
                    long scale = 3;
                    var home = new Ride("north", 2.5);
                    var lock = new Object();
                    var cluster = Spark.kubernetes().executors(2).memory("512m").start();
                    """).status()).isEqualTo("ok");
            assertThat(fixture.pods()).hasSize(2);

            // Records and lambdas declared in cells run on both executor JVMs.
            JupyterDriver.Execution spread = kernel.execute("""
                    new TreeSet<>(cluster.session().range(0, 40, 1, 8)
                        .map(mapFunction(i -> new Ride(i % 2 == 0 ? "north" : "south", i).region()
                                + "@" + org.apache.spark.SparkEnv.get().executorId()), Encoders.STRING())
                        .distinct().collectAsList())
                    """);
            assertThat(spread.status()).as(spread.raw().toString()).isEqualTo("ok");
            assertThat(spread.resultText()).isEqualTo("[north@1, north@2, south@1, south@2]");
            // Progress of the cluster's jobs was shown in place while they ran.
            assertThat(spread.types()).contains("display_data", "update_display_data");

            // Lambdas on executors read notebook variables as the kernel holds them when each job runs.
            JupyterDriver.Execution jobs = kernel.execute("""
                    var numbers = cluster.session().range(4);
                    var first = numbers.map(mapFunction(i -> i * scale), Encoders.LONG()).collectAsList();
                    scale = 5;
                    var second = numbers.map(mapFunction(i -> i * scale), Encoders.LONG()).collectAsList();
                    var regions = numbers.map(mapFunction(i -> home.region() + i * home.km()), Encoders.STRING()).collectAsList();
                    List.of(first, second, regions)
                    """);
            assertThat(jobs.resultText()).as(jobs.raw().toString())
                    .isEqualTo("[[0, 3, 6, 9], [0, 5, 10, 15], [north0.0, north2.5, north5.0, north7.5]]");

            JupyterDriver.Execution unsendable = kernel.execute(
                    "numbers.map(mapFunction(i -> i + lock.hashCode()), Encoders.LONG()).collectAsList()");
            assertThat(unsendable.status()).isEqualTo("error");
            assertThat(unsendable.traceback())
                    .contains("notebook variable 'lock' holds a java.lang.Object, which cannot be sent to Spark executors");
            assertThat(kernel.execute("numbers.count()").resultText()).as("the cluster survives the failed job").isEqualTo("4");

            // An interrupt cancels the running job and keeps the cluster.
            String slow = kernel.call("submit", "code", """
                    cluster.session().range(0, 4, 1, 4).map((MapFunction<Long, Long>) i -> {
                        Files.writeString(Path.of("%s").resolve("task-" + i), "");
                        Thread.sleep(120_000);
                        return i;
                    }, Encoders.LONG()).count()
                    """.formatted(started)).get("msg_id").asText();
            fixture.awaitTaskStarted(started, Duration.ofSeconds(120));
            kernel.call("interrupt");
            JupyterDriver.Execution interrupted = new JupyterDriver.Execution(kernel.call("collect", "msg_id", slow, "timeout", 30));
            assertThat(interrupted.reply().get("status").asText()).isEqualTo("error");

            JupyterDriver.Execution after = kernel.execute("cluster.session().range(0, 100, 1, 4).count()");
            assertThat(after.resultText()).as(after.raw().toString()).isEqualTo("100");
            assertThat(kernel.execute("cluster.close();").status()).isEqualTo("ok");
            assertThat(fixture.pods()).isEmpty();
        }
    }

    @Test
    void interruptInsideTheTryBlockReleasesThePods() throws Exception {
        Path started = Files.createTempDirectory(InstalledKernel.work(), "try-interrupt-started-");
        try (JupyterDriver kernel = kernel()) {
            String slow = kernel.call("submit", "code", """
                    try (var cluster = Spark.kubernetes().executors(2).start()) {
                        cluster.session().range(0, 4, 1, 4).map((MapFunction<Long, Long>) i -> {
                            Files.writeString(Path.of("%s").resolve("task-" + i), "");
                            Thread.sleep(120_000);
                            return i;
                        }, Encoders.LONG()).count();
                    }
                    """.formatted(started)).get("msg_id").asText();
            fixture.awaitTaskStarted(started, Duration.ofSeconds(120));
            assertThat(fixture.pods()).hasSize(2);
            kernel.call("interrupt");
            JupyterDriver.Execution interrupted = new JupyterDriver.Execution(kernel.call("collect", "msg_id", slow, "timeout", 60));
            assertThat(interrupted.reply().get("status").asText()).isEqualTo("error");
            assertThat(fixture.pods()).as("pods left after the reply %s", interrupted.raw()).isEmpty();
            assertThat(kernel.execute("1 + 1").resultText()).isEqualTo("2");
        }
    }

    @Test
    void anExecutorThatCrashesMidJobIsRetriedAndTheCellSaysSo() throws Exception {
        // Deterministic on a busy machine: every first task says which executor JVM runs it and then waits
        // for a go file, so the JVM killed below is one of this cluster's and is mid-task when it dies.
        Path handshake = Files.createTempDirectory(InstalledKernel.work(), "executor-crash-");
        Path started = Files.createDirectories(handshake.resolve("started"));
        Path go = handshake.resolve("go");
        try (JupyterDriver kernel = kernel()) {
            String job = kernel.call("submit", "code", """
                    try (var cluster = Spark.kubernetes().executors(2).start()) {
                        cluster.session().range(0, 8, 1, 8).map((MapFunction<Long, Long>) i -> {
                            Files.writeString(Path.of("%s").resolve(ProcessHandle.current().pid() + "-" + i), "");
                            for (int waited = 0; !Files.exists(Path.of("%s")) && waited < 1200; waited++) {
                                Thread.sleep(100);
                            }
                            return i;
                        }, Encoders.LONG()).count();
                    }
                    """.formatted(started, go)).get("msg_id").asText();
            long pid = awaitTaskRunning(started, Duration.ofSeconds(180));
            ProcessHandle executor = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("executor JVM " + pid + " is gone"));
            assertThat(executor.info().commandLine().orElse("")).contains("KubernetesExecutorBackend");
            executor.destroyForcibly();
            executor.onExit().get(30, TimeUnit.SECONDS);
            Files.writeString(go, "");
            JupyterDriver.Execution done = new JupyterDriver.Execution(kernel.call("collect", "msg_id", job, "timeout", 180));
            assertThat(done.reply().get("status").asText()).as(done.raw().toString()).isEqualTo("ok");
            assertThat(done.raw().toString()).contains("lost").contains("Spark retries its tasks");
        } finally {
            Files.writeString(go, "");
        }
    }

    /** The pid of an executor JVM running a task that is waiting for the go file. */
    private static long awaitTaskRunning(Path started, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> markers = Files.list(started)) {
                Optional<String> first = markers.map(m -> m.getFileName().toString()).findFirst();
                if (first.isPresent()) {
                    return Long.parseLong(first.get().substring(0, first.get().indexOf('-')));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no task of the job started within " + timeout + "\n" + kubelet.describeLogs());
    }

    @Test
    void aKernelWhoseJupyterDiesEndsAndReleasesItsCluster() throws Exception {
        try (JupyterDriver kernel = kernel()) {
            assertThat(kernel.execute("var cluster = Spark.kubernetes().executors(1).start();").status()).isEqualTo("ok");
            long pid = kernel.call("pid").get("pid").asLong();
            kernel.killClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (running(pid) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(running(pid)).as("the orphaned kernel ends by itself").isFalse();
            fixture.awaitNoPods(Duration.ofSeconds(30));
        }
    }

    @Test
    void podsOfAKilledKernelAreReapedWhenTheKernelRestarts() throws Exception {
        try (JupyterDriver kernel = kernel()) {
            assertThat(kernel.execute("var cluster = Spark.kubernetes().executors(2).start();").status()).isEqualTo("ok");
            long pid = kernel.call("pid").get("pid").asLong();
            // SIGKILL: no shutdown hook, no Spark stop; the kernel's parent (jupyter_client) reaps it.
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (kernel.call("is_alive").get("alive").asBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(fixture.pods()).as("kill -9 leaves the pods behind").hasSize(2);

            JsonNode restarted = kernel.call("restart");
            assertThat(restarted.get("pid").asLong()).isNotEqualTo(pid);
            fixture.awaitNoPods(Duration.ofSeconds(30));
            assertThat(kubernetes.client().configMaps().inNamespace("default").list().getItems())
                    .as("no Spark object without the kernel's labels, which the reaper could not find").isEmpty();
            assertThat(kernel.execute("1 + 1").resultText()).isEqualTo("2");
        }
    }

    @Test
    void badSettingsAreClearErrorsAndLocalModeRunsTheSameCellCode() throws Exception {
        try (JupyterDriver kernel = kernel()) {
            assertThat(kernel.execute("Spark.kubernetes().executors(-2)").traceback())
                    .contains("executors(-2): a cluster needs at least 1 executor");
            assertThat(kernel.execute("Spark.kubernetes().memory(\"lots\")").traceback())
                    .contains("memory 'lots' is not a memory size");
            assertThat(kernel.execute("Spark.kubernetes().master(\"http://127.0.0.1:1\").start()").traceback())
                    .contains("cannot reach the Kubernetes API server at http://127.0.0.1:1");

            kernel.execute("record Ride(String region, double km) implements java.io.Serializable {}");
            JupyterDriver.Execution job = kernel.execute("""
                    try (var cluster = Spark.local().cores(2).start()) {
                        cluster.session().range(0, 10, 1, 4)
                            .map((MapFunction<Long, String>) i -> new Ride(i % 2 == 0 ? "north" : "south", i).region(), Encoders.STRING())
                            .distinct().count();
                    }
                    """);
            assertThat(job.status()).isEqualTo("ok");
            assertThat(kernel.execute("Spark.session().range(5).count()").resultText()).isEqualTo("5");
            JupyterDriver.Execution records = kernel.execute("""
                    var rides = Spark.dataFrame(List.of(new Ride("north", 4.5), new Ride("south", 1.5), new Ride("north", 1.0)));
                    Spark.records(rides.groupBy("region").sum("km").withColumnRenamed("sum(km)", "km").orderBy("region"), Ride.class)
                    """);
            assertThat(records.resultText()).as(records.raw().toString())
                    .isEqualTo("[Ride[region=north, km=5.5], Ride[region=south, km=1.5]]");
            assertThat(fixture.pods()).isEmpty();
        }
    }
}
