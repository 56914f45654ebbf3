package io.kindling.magics.spark.k8s;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spark's real Kubernetes scheduler backend, in this JVM as the driver (client mode), against
 * {@link MockKubernetes} with {@link LocalKubelet} running the executor pods as local JVMs.
 */
final class LocalKubeletTest {
    private static final String NAMESPACE = "default";
    private static final String DRIVER_HOST = "127.0.0.1";

    private MockKubernetes k8s;
    private LocalKubelet kubelet;
    private SparkSession spark;

    @BeforeEach
    void start() {
        k8s = MockKubernetes.start();
        kubelet = LocalKubelet.forTestJvm(k8s.client(), NAMESPACE);
    }

    // Runs after @AfterEach: the kubelet is closed by then, but the logs it wrote stay.
    @RegisterExtension
    final TestWatcher printExecutorLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.err.println(context.getDisplayName() + " failed; executor logs under " + kubelet.workDirectory()
                    + "\n" + kubelet.describeLogs());
        }
    };

    @AfterEach
    void stop() throws Exception {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            kubelet.close();
            k8s.close();
        }
    }

    @Test
    void executorsRegisterRunTasksAndGoAwayWithTheSession() throws Exception {
        String prefix = podNamePrefix();
        spark = session(prefix, Map.of());
        String appId = spark.sparkContext().applicationId();

        await(Duration.ofSeconds(60), () -> executorHosts().size() == 2,
                () -> "2 executors registered, got " + executorHosts() + "\n" + kubelet.describeLogs());

        List<String> executorIds = spark.range(0, 100, 1, 4)
                .map((MapFunction<Long, String>) i -> SparkEnv.get().executorId(), Encoders.STRING())
                .collectAsList();
        assertThat(new HashSet<>(executorIds)).hasSize(2).doesNotContain("driver");

        assertThat(kubelet.podsSeen()).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getName()).startsWith(prefix);
            assertThat(pod.getMetadata().getLabels())
                    .containsEntry("spark-app-selector", appId)
                    .containsEntry("spark-role", "executor");
            assertThat(envNames(pod)).contains("SPARK_DRIVER_URL", "SPARK_EXECUTOR_ID", "SPARK_EXECUTOR_POD_IP");
            // Client mode without spark.kubernetes.driver.pod.name: nothing owns the pods.
            assertThat(pod.getMetadata().getOwnerReferences()).isEmpty();
        });
        assertThat(kubelet.runningJvms()).isEqualTo(2);

        spark.stop();
        spark = null;

        await(Duration.ofSeconds(30), () -> appPods(appId).isEmpty(), () -> "app pods deleted, left " + appPods(appId));
        kubelet.awaitNoRunningJvms(Duration.ofSeconds(30));
        assertThat(kubelet.runningJvms()).isZero();
    }

    @Test
    void forbiddenPodCreationLeavesNoExecutorsAndShowsThe403() throws Exception {
        k8s.forbidPodCreation(true);
        // Ratio 0: do not wait (30 s by default) in getOrCreate for executors that cannot come.
        spark = session(podNamePrefix(), Map.of("spark.scheduler.minRegisteredResourcesRatio", "0"));
        String appId = spark.sparkContext().applicationId();

        // Spark logs the failed request and tries again on its next allocation round (about 1 s later).
        await(Duration.ofSeconds(20), () -> k8s.forbiddenPodCreations() >= 2,
                () -> "pod creation retried, 403s so far: " + k8s.forbiddenPodCreations());

        // What a caller sees: no executors, no pods, and the same request with its own client says why.
        assertThat(executorHosts()).isEmpty();
        assertThat(appPods(appId)).isEmpty();
        assertThatThrownBy(() -> k8s.client().pods().inNamespace(NAMESPACE).resource(probePod()).dryRun().create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getStatus().getMessage()).contains("cannot create resource \"pods\"");
                });

        spark.stop();
        spark = null;

        assertThat(kubelet.podsSeen()).isEmpty();
        assertThat(kubelet.runningJvms()).isZero();
    }

    @Test
    void heldPodsStayPendingAndStartNothing() throws Exception {
        kubelet.holdPending(true);
        spark = session(podNamePrefix(), Map.of("spark.scheduler.minRegisteredResourcesRatio", "0"));
        String appId = spark.sparkContext().applicationId();

        await(Duration.ofSeconds(20), () -> kubelet.podsSeen().size() == 2,
                () -> "2 pods requested, seen " + kubelet.podsSeen().size());

        assertThat(k8s.client().pods().inNamespace(NAMESPACE).withLabel("spark-app-selector", appId).list().getItems())
                .hasSize(2)
                .allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Pending"));
        assertThat(executorHosts()).isEmpty();
        assertThat(kubelet.runningJvms()).isZero();

        spark.stop();
        spark = null;

        await(Duration.ofSeconds(30), () -> appPods(appId).isEmpty(), () -> "app pods deleted, left " + appPods(appId));
    }

    @Test
    void crashedExecutorIsReplacedBySpark() throws Exception {
        kubelet.crashNextExecutor();
        // One executor: getOrCreate waits for it, so it returns once the replacement has registered.
        spark = session(podNamePrefix(), Map.of("spark.executor.instances", "1"));

        await(Duration.ofSeconds(60), () -> executorHosts().size() == 1,
                () -> "the replacement executor registered, got " + executorHosts() + "\n" + kubelet.describeLogs());

        List<Pod> pods = kubelet.podsSeen();
        assertThat(pods).hasSize(2);
        String crashed = pods.get(0).getMetadata().getName();
        assertThat(kubelet.logFile(crashed)).hasValueSatisfying(log ->
                assertThat(log).content().contains("Could not find or load main class"));
        // Spark saw the pod fail (the kubelet reported exit code 1) and deleted it.
        await(Duration.ofSeconds(10), () -> k8s.client().pods().inNamespace(NAMESPACE).withName(crashed).get() == null,
                () -> "crashed pod " + crashed + " deleted");
    }

    private SparkSession session(String podNamePrefix, Map<String, String> extra) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("local-kubelet-test")
                .master("k8s://" + k8s.url())
                .config("spark.kubernetes.container.image", "kindling/executor:test")
                .config("spark.kubernetes.namespace", NAMESPACE)
                .config("spark.driver.host", DRIVER_HOST)
                .config("spark.driver.bindAddress", DRIVER_HOST)
                .config("spark.executor.instances", "2")
                .config("spark.kubernetes.allocation.batch.size", "2")
                .config("spark.executor.memory", "512m")
                .config("spark.kubernetes.executor.podNamePrefix", podNamePrefix)
                .config("spark.ui.enabled", "false")
                .config("spark.log.level", "WARN");
        extra.forEach(builder::config);
        return builder.getOrCreate();
    }

    // The driver is in the list too; executors are told apart by their pod IPs (127.0.0.2, ...).
    private List<String> executorHosts() {
        return Arrays.stream(spark.sparkContext().statusTracker().getExecutorInfos())
                .map(SparkExecutorInfo::host)
                .filter(host -> !host.equals(DRIVER_HOST))
                .toList();
    }

    private List<String> appPods(String appId) {
        KubernetesClient client = k8s.client();
        return client.pods().inNamespace(NAMESPACE).withLabel("spark-app-selector", appId).list().getItems().stream()
                .map(p -> p.getMetadata().getName())
                .toList();
    }

    private static List<String> envNames(Pod pod) {
        return ExecutorLaunch.executorContainer(pod).getEnv().stream().map(EnvVar::getName).toList();
    }

    private static String podNamePrefix() {
        return "kl-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Pod probePod() {
        return new PodBuilder()
                .withNewMetadata().withGenerateName("kindling-can-i-create-pods-").endMetadata()
                .withNewSpec().addNewContainer().withName("probe").withImage("kindling/executor:test").endContainer()
                .endSpec()
                .build();
    }

    private static void await(Duration timeout, BooleanSupplier condition, Supplier<String> expectation)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + expectation.get());
            }
            Thread.sleep(200);
        }
    }
}
