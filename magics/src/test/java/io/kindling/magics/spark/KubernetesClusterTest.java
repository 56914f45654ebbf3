package io.kindling.magics.spark;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kindling.magics.config.MemorySize;
import io.kindling.magics.config.Settings;
import io.kindling.magics.spark.k8s.LocalKubelet;
import io.kindling.magics.spark.k8s.MockKubernetes;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static io.kindling.magics.spark.SparkLambdas.mapFunction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ephemeral clusters through Spark's real Kubernetes backend against the mock API server, with
 * executors as real JVMs started by the local kubelet: start, run, and never leak.
 */
class KubernetesClusterTest {
    private static MockKubernetes kubernetes;
    private static LocalKubelet kubelet;

    @TempDir
    static Path work;

    private SparkClusters clusters;
    private final KernelIdentity self = KernelIdentity.ofThisProcess("tester");
    /** Stands in for JShell's wrapper classes: "Class.variable" to value. */
    private final Map<String, Object> notebook = new ConcurrentHashMap<>();

    @BeforeAll
    static void startFixture() {
        kubernetes = MockKubernetes.start();
        kubelet = LocalKubelet.forTestJvm(kubernetes.client(), "default");
    }

    @AfterAll
    static void stopFixture() throws Exception {
        kubelet.close();
        kubernetes.close();
    }

    @AfterEach
    void releaseEverything() throws Exception {
        if (clusters != null) {
            clusters.shutdown();
        }
        kubelet.holdPending(false);
        kubernetes.forbidPodCreation(false);
        kubelet.awaitNoRunningJvms(Duration.ofSeconds(30));
        assertThat(kubernetes.client().pods().inNamespace("default").list().getItems()).isEmpty();
        assertThat(kubernetes.client().secrets().inNamespace("default").list().getItems()).as("clusters' secrets").isEmpty();
    }

    private SparkClusters clusters(String master) {
        Settings k8s = KubernetesSettings.defaults().with(KubernetesSettings.MASTER, "k8s://" + master)
                .with(KubernetesSettings.IMAGE, "kindling/executor:test").with(KubernetesSettings.MEMORY, MemorySize.parse("memory", "512m"))
                .with(KubernetesSettings.START_TIMEOUT, Duration.ofSeconds(90))
                .with(KubernetesSettings.CONF, Map.of("spark.ui.enabled", "false"));
        SparkDefaults defaults = new SparkDefaults(Optional.of(1), Map.of("spark.ui.enabled", "false"), k8s);
        clusters = new SparkClusters(() -> defaults, self, new ReplShipping(work, List::of, this::notebookVariable),
                Thread.currentThread().getThreadGroup(), work, plainHttpClients(), SessionSettings.NONE);
        return clusters;
    }

    private Object notebookVariable(String wrapperClass, String variable) throws NoSuchFieldException {
        String name = wrapperClass + "." + variable;
        if (!notebook.containsKey(name)) {
            throw new NoSuchFieldException(name);
        }
        return notebook.get(name);
    }

    private static Function<String, KubernetesClient> plainHttpClients() {
        return url -> new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url)
                .withHttp2Disable(true).withRequestRetryBackoffLimit(0).build()).build();
    }

    private static void awaitNoExecutorJvms() {
        try {
            kubelet.awaitNoRunningJvms(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(kubelet.runningJvms()).isZero();
    }

    private List<Pod> podsOf(SparkCluster cluster) {
        return kubernetes.client().pods().inNamespace("default").withLabel(ExecutorPods.CLUSTER_ID, cluster.id()).list().getItems();
    }

    @Test
    void jobsRunOnExecutorPodsAndCloseLeavesNoPodOrJvm() {
        SparkCluster seen;
        try (SparkCluster cluster = clusters(kubernetes.url()).kubernetes().executors(2).start()) {
            seen = cluster;
            assertThat(cluster.executors()).hasSize(2);
            long executorsUsed = cluster.session().range(0, 8, 1, 8)
                    .map((MapFunction<Long, String>) i -> SparkEnv.get().executorId(), Encoders.STRING())
                    .distinct().count();
            assertThat(executorsUsed).isEqualTo(2);
            assertThat(podsOf(cluster)).hasSize(2).allSatisfy(pod -> assertThat(pod.getMetadata().getLabels())
                    .containsEntry(KernelIdentity.KERNEL_ID, self.kernelId())
                    .containsEntry(KernelIdentity.PID, Long.toString(ProcessHandle.current().pid())));
            assertThat(clusters.active()).containsSame(cluster);
        }
        assertThat(podsOf(seen)).isEmpty();
        // The kubelet kills a deleted pod's JVM as a real one stops its container: shortly after.
        awaitNoExecutorJvms();
        assertThat(clusters.active()).isEmpty();
        assertThatThrownBy(seen::session).hasMessageContaining("is closed");
    }

    @Test
    void executorsReadNotebookVariablesAsTheKernelHoldsThemWhenEachJobRuns() {
        notebook.put("Cell.scale", 3L);
        notebook.put("Cell.names", List.of("zero", "one", "two", "three"));
        try (SparkCluster cluster = clusters(kubernetes.url()).kubernetes().executors(2).start()) {
            Dataset<Long> numbers = cluster.session().range(0, 4, 1, 4);
            assertThat(numbers.map(mapFunction(i -> i * ExecutorVariableAccess.readLong("Cell", "scale")), Encoders.LONG())
                    .collectAsList()).containsExactly(0L, 3L, 6L, 9L);
            notebook.put("Cell.scale", 5L);
            assertThat(numbers.map(mapFunction(i -> i * ExecutorVariableAccess.readLong("Cell", "scale")), Encoders.LONG())
                    .collectAsList()).as("the next job sees the new value").containsExactly(0L, 5L, 10L, 15L);
            @SuppressWarnings("unchecked")
            MapFunction<Long, String> name = i -> ((List<String>) ExecutorVariableAccess.readObject("Cell", "names")).get(i.intValue());
            assertThat(numbers.map(name, Encoders.STRING()).collectAsList()).containsExactly("zero", "one", "two", "three");

            notebook.put("Cell.lock", new Object());
            assertThatThrownBy(() -> numbers.map(mapFunction(i -> i + ExecutorVariableAccess.readObject("Cell", "lock").hashCode()),
                    Encoders.LONG()).collectAsList())
                    .hasMessageContaining("notebook variable 'lock' holds a java.lang.Object, which cannot be sent to Spark executors");
            assertThat(numbers.count()).as("the cluster survives a failed job").isEqualTo(4);
        }
    }

    @Test
    void anExceptionInsideTheBlockStillReleasesEveryPod() {
        SparkCluster[] seen = new SparkCluster[1];
        assertThatThrownBy(() -> {
            try (SparkCluster cluster = clusters(kubernetes.url()).kubernetes().executors(1).start()) {
                seen[0] = cluster;
                throw new IllegalStateException("boom in the notebook");
            }
        }).hasMessage("boom in the notebook");
        assertThat(podsOf(seen[0])).isEmpty();
        awaitNoExecutorJvms();
    }

    @Test
    void aSecondClusterWhileOneRunsIsAClearError() {
        SparkClusters spark = clusters(kubernetes.url());
        try (SparkCluster first = spark.kubernetes().executors(1).start()) {
            assertThatThrownBy(() -> spark.kubernetes().executors(1).start())
                    .isInstanceOf(ClusterException.class)
                    .hasMessageContaining("a Spark cluster is already running: Spark cluster " + first.id());
            assertThatThrownBy(() -> spark.local().start()).hasMessageContaining("already running");
            assertThat(spark.session()).isSameAs(first.session());
        }
    }

    @Test
    void podsStuckPendingTimeOutWithTheReasonAndAreDeleted() {
        kubelet.holdPending(true);
        assertThatThrownBy(() -> clusters(kubernetes.url()).kubernetes().executors(2)
                .startTimeout(Duration.ofSeconds(12)).start())
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("0 of 2 executors registered within 12 s")
                .hasMessageContaining("executor pods: 2 Pending")
                .hasMessageContaining("The pods were deleted");
        assertThat(clusters.active()).isEmpty();
    }

    @Test
    void anImageThatCannotBePulledFailsAtOnceNamingThePod() throws Exception {
        kubelet.holdPending(true);
        SparkClusters spark = clusters(kubernetes.url());
        // Plays the kubelet that cannot pull the image: the pods' containers wait with ErrImagePull.
        Thread pullFailure = new Thread(() -> {
            try {
                while (true) {
                    for (Pod pod : kubernetes.client().pods().inNamespace("default").list().getItems()) {
                        kubernetes.client().pods().inNamespace("default").withName(pod.getMetadata().getName())
                                .editStatus(p -> new PodBuilder(p).editOrNewStatus().withPhase("Pending")
                                        .addNewContainerStatus().withName("spark-kubernetes-executor").withImage("kindling/executor:test")
                                        .withNewState().withNewWaiting().withReason("ErrImagePull")
                                        .withMessage("pull access denied for kindling/executor").endWaiting().endState()
                                        .endContainerStatus().endStatus().build());
                    }
                    Thread.sleep(200);
                }
            } catch (InterruptedException | RuntimeException stopped) {
                // the test is over
            }
        });
        pullFailure.setDaemon(true);
        pullFailure.start();
        try {
            long began = System.nanoTime();
            assertThatThrownBy(() -> spark.kubernetes().executors(1).start())
                    .isInstanceOf(ClusterException.class)
                    .hasMessageContaining("executor pods cannot start: pod kindling-")
                    .hasMessageContaining("ErrImagePull (pull access denied for kindling/executor)")
                    .hasMessageContaining("check the image name");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).as("no waiting for the start timeout")
                    .isLessThan(Duration.ofSeconds(60));
        } finally {
            pullFailure.interrupt();
            pullFailure.join();
        }
    }

    @Test
    void forbiddenPodCreationSaysWhatPermissionIsMissing() {
        kubernetes.forbidPodCreation(true);
        assertThatThrownBy(() -> clusters(kubernetes.url()).kubernetes().executors(1)
                .startTimeout(Duration.ofSeconds(12)).start())
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("no executor pod was created")
                .hasMessageContaining("may create pods in namespace 'default'");
        assertThat(kubernetes.forbiddenPodCreations()).isPositive();
    }

    @Test
    void anUnreachableApiServerFailsBeforeSparkStarts() {
        assertThatThrownBy(() -> clusters("http://127.0.0.1:1").kubernetes().start())
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("cannot reach the Kubernetes API server at http://127.0.0.1:1");
        assertThat(clusters.active()).isEmpty();
    }

    @Test
    void theReaperDeletesPodsOfDeadKernelsOfThisUserOnly() {
        SparkClusters spark = clusters(kubernetes.url());
        Map<String, String> dead = new HashMap<>(self.labels());
        dead.put(KernelIdentity.KERNEL_ID, "deadbeef");
        dead.put(KernelIdentity.PID, Long.toString(Integer.MAX_VALUE - 7L));
        Map<String, String> otherUser = new HashMap<>(dead);
        otherUser.put(KernelIdentity.USER, "someone-else");
        otherUser.put(KernelIdentity.KERNEL_ID, "0therus3r");
        Map<String, String> deadWithoutPods = new HashMap<>(dead);
        deadWithoutPods.put(KernelIdentity.KERNEL_ID, "5ecre7ed");
        createPod("orphan-exec-1", dead);
        createPod("other-user-exec-1", otherUser);
        // A kernel killed after Spark deleted its pods leaves only its cluster's secret.
        createSecret("kindling-spark-auth-orphan", deadWithoutPods);
        createSecret("kindling-spark-auth-other-user", otherUser);
        try {
            assertThat(spark.reapOrphans()).containsExactlyInAnyOrder("deadbeef", "5ecre7ed");
            assertThat(kubernetes.client().pods().inNamespace("default").list().getItems())
                    .extracting(p -> p.getMetadata().getName()).containsExactly("other-user-exec-1");
            assertThat(kubernetes.client().secrets().inNamespace("default").list().getItems())
                    .extracting(p -> p.getMetadata().getName()).containsExactly("kindling-spark-auth-other-user");
        } finally {
            kubernetes.client().pods().inNamespace("default").withName("other-user-exec-1").delete();
            kubernetes.client().secrets().inNamespace("default").withName("kindling-spark-auth-other-user").delete();
        }
    }

    private void createSecret(String name, Map<String, String> labels) {
        kubernetes.client().secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().addToData("secret", "c2VjcmV0").build()).create();
    }

    private void createPod(String name, Map<String, String> labels) {
        // No spark-role label: the local kubelet leaves these pods alone, as a kubelet on a gone node would.
        kubernetes.client().pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("c").withImage("x")
                .endContainer().endSpec().build()).create();
    }
}
