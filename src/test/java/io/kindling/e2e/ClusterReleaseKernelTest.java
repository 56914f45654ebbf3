package io.kindling.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kindling.magics.spark.k8s.LocalKubelet;
import io.kindling.magics.spark.k8s.MockKubernetes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Kindling itself does to release a cluster, beyond Spark's own pod deletion: after an interrupt and
 * at shutdown, a pod with the cluster's labels that Spark does not know about is deleted by Kindling's
 * fallback (whose Kubernetes client must have survived the interrupt), and a killed kernel's temporary
 * directories are removed by the next kernel.
 */
class ClusterReleaseKernelTest {
    /** Labels Spark puts on its own pods: a stray pod without them is one Spark cannot know about. */
    private static final String SPARK_LABEL_PREFIX = "spark-";

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

    @Test
    void anInterruptedClusterCellRepliesAtOnceAndKindlingDeletesAPodSparkDoesNotKnow() throws Exception {
        Path logs = Files.createTempDirectory(InstalledKernel.work(), "interrupt-logs-");
        Path started = Files.createTempDirectory(InstalledKernel.work(), "interrupt-started-");
        try (JupyterDriver kernel = kernel(Map.of("KINDLING_LOG_DIR", logs.toString()))) {
            long pid = kernel.call("pid").get("pid").asLong();
            String slow = kernel.call("submit", "code", """
                    try (var cluster = Spark.kubernetes().executors(1).start()) {
                        cluster.session().range(0, 2, 1, 2).map((MapFunction<Long, Long>) i -> {
                            Files.writeString(Path.of("%s").resolve("task-" + i), "");
                            Thread.sleep(120_000);
                            return i;
                        }, Encoders.LONG()).count();
                    }
                    """.formatted(started)).get("msg_id").asText();
            fixture.awaitTaskStarted(started, Duration.ofSeconds(180));
            Pod stray = createStrayPod("stray-after-interrupt");

            long before = System.nanoTime();
            kernel.call("interrupt");
            JupyterDriver.Execution interrupted = new JupyterDriver.Execution(kernel.call("collect", "msg_id", slow, "timeout", 60));
            Duration reply = Duration.ofNanos(System.nanoTime() - before);
            assertThat(interrupted.reply().get("status").asText()).isEqualTo("error");
            // A second or two on a quiet machine; the bound is generous so a loaded CI machine cannot fail it, and
            // still far below the 30 s a release waiting on a dead Kubernetes client took.
            assertThat(reply).as("interrupt to reply").isLessThan(Duration.ofSeconds(15));
            System.out.println("interrupt to reply: " + reply.toMillis() + " ms");
            assertThat(podNames()).as("the cell's close returned once no pod of the cluster was left, %s too", stray.getMetadata().getName())
                    .isEmpty();

            // The same kernel's next cluster: its release still works, with a new client, after the interrupt.
            assertThat(kernel.execute("var again = Spark.kubernetes().executors(1).start();", Duration.ofSeconds(180)).status())
                    .isEqualTo("ok");
            createStrayPod("stray-after-close");
            assertThat(kernel.execute("again.close();").status()).isEqualTo("ok");
            assertThat(podNames()).isEmpty();
            assertThat(kernel.execute("1 + 1").resultText()).isEqualTo("2");
            assertNoClientThreadDied(logs.resolve("kindling-kernel-" + pid + ".log"));
        }
    }

    @Test
    void shuttingDownWithAClusterMidJobDeletesAPodSparkDoesNotKnow() throws Exception {
        Path logs = Files.createTempDirectory(InstalledKernel.work(), "shutdown-logs-");
        Path started = Files.createTempDirectory(InstalledKernel.work(), "shutdown-started-");
        long pid;
        try (JupyterDriver kernel = kernel(Map.of("KINDLING_LOG_DIR", logs.toString()))) {
            pid = kernel.call("pid").get("pid").asLong();
            assertThat(kernel.execute("var cluster = Spark.kubernetes().executors(1).start();", Duration.ofSeconds(180)).status())
                    .isEqualTo("ok");
            kernel.call("submit", "code", """
                    cluster.session().range(0, 2, 1, 2).map((MapFunction<Long, Long>) i -> {
                        Files.writeString(Path.of("%s").resolve("task-" + i), "");
                        Thread.sleep(120_000);
                        return i;
                    }, Encoders.LONG()).count()
                    """.formatted(started));
            fixture.awaitTaskStarted(started, Duration.ofSeconds(180));
            createStrayPod("stray-at-shutdown");
            // Closing the driver shuts the kernel down mid-job: the kernel interrupts the cell first, then releases.
        }
        fixture.awaitNoPods(Duration.ofSeconds(30));
        assertNoClientThreadDied(logs.resolve("kindling-kernel-" + pid + ".log"));
    }

    @Test
    void theNextKernelRemovesAKilledKernelsTemporaryDirectoriesAndShutdownItsOwn() throws Exception {
        Path tmp = Files.createTempDirectory(InstalledKernel.work(), "kernel-tmp-");
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(),
                Map.of("KINDLING_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp))) {
            long killed = kernel.call("pid").get("pid").asLong();
            assertThat(kernel.execute("1 + 1").resultText()).isEqualTo("2");
            assertThat(directoriesOf(tmp, killed)).as("the kernel's temporary directories")
                    .anyMatch(d -> d.startsWith("kindling-repl-classes-")).anyMatch(d -> d.startsWith("kindling-spark-work-"));
            // SIGKILL: no shutdown hook runs, so the directories stay behind.
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            long killDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (kernel.call("is_alive").get("alive").asBoolean() && System.nanoTime() < killDeadline) {
                Thread.sleep(100);
            }
            assertThat(directoriesOf(tmp, killed)).isNotEmpty();

            long next = kernel.call("restart").get("pid").asLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!directoriesOf(tmp, killed).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(directoriesOf(tmp, killed)).as("the killed kernel's directories, after the next kernel started").isEmpty();
            assertThat(directoriesOf(tmp, next)).as("the live kernel's own").hasSizeGreaterThanOrEqualTo(2);
            assertThat(kernel.execute("1 + 1").resultText()).isEqualTo("2");
            kernel.close();
            assertThat(directoriesOf(tmp, next)).as("a normal shutdown removes its own").isEmpty();
        }
    }

    private static JupyterDriver kernel(Map<String, String> extra) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(extra);
        environment.put("KINDLING_K8S_MASTER", kubernetes.url());
        environment.put("KINDLING_SPARK_IMAGE", "kindling/executor:test");
        return JupyterDriver.start(InstalledKernel.get(), environment);
    }

    /** A pod with the Kindling labels of the running cluster's executor, but none of Spark's: Spark cannot know it. */
    private static Pod createStrayPod(String name) {
        Pod executor = kubernetes.client().pods().inNamespace("default").list().getItems().stream()
                .filter(p -> p.getMetadata().getLabels().containsKey("spark-role")).findFirst()
                .orElseThrow(() -> new AssertionError("no executor pod to copy labels from"));
        Map<String, String> labels = new LinkedHashMap<>();
        executor.getMetadata().getLabels().forEach((k, v) -> {
            if (!k.startsWith(SPARK_LABEL_PREFIX)) {
                labels.put(k, v);
            }
        });
        assertThat(labels).containsKey("kindling.io/cluster-id");
        return kubernetes.client().pods().inNamespace("default").resource(new PodBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("stray").withImage("busybox").endContainer().endSpec()
                .build()).create();
    }

    /** The kernel log has no {@code ThreadDeath} of a Kubernetes client thread and no failed release. */
    private static void assertNoClientThreadDied(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> deaths = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("ThreadDeath")) {
                // The log line naming the thread is this one or the nearest line above that starts a log record.
                int record = i;
                while (record > 0 && !lines.get(record).matches("^\\d{4}-\\d\\d-\\d\\dT.*")) {
                    record--;
                }
                deaths.add(lines.get(record) + " / " + lines.get(i));
            }
        }
        // Only the cell's own threads may die; the Kubernetes clients and JVM-wide threads (Hadoop's cleaner) are the kernel's.
        assertThat(deaths).as("ThreadDeath in the kernel log " + log).isEmpty();
        assertThat(String.join("\n", lines)).doesNotContain("could not confirm that the executor pods are gone");
    }

    private static List<String> directoriesOf(Path tmp, long pid) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("kindling-") && n.contains("-" + pid + "-")).toList();
        }
    }

    private static List<String> podNames() {
        return kubernetes.client().pods().inNamespace("default").list().getItems().stream()
                .map(p -> p.getMetadata().getName()).toList();
    }
}
