package io.kindling.magics.spark;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kindling.magics.config.MemorySize;
import io.kindling.magics.config.Settings;
import io.kindling.magics.spark.k8s.LocalKubelet;
import io.kindling.magics.spark.k8s.MockKubernetes;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.rpc.RpcEnv$;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.reflect.ClassTag$;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kindling.magics.spark.SparkLambdas.mapFunction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A Kubernetes cluster's Spark RPC is locked with a secret of its own: the cluster works as before, the
 * secret is in no pod spec, and a Spark RPC client without it (or with another) is refused by the driver
 * and gets no notebook variable.
 */
class ClusterAuthenticationTest {
    private static final String PASSWORD = "hunter2";

    private static MockKubernetes kubernetes;
    private static LocalKubelet kubelet;

    @TempDir
    static Path work;

    private SparkClusters clusters;

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
    void release() throws Exception {
        if (clusters != null) {
            clusters.shutdown();
        }
        kubelet.awaitNoRunningJvms(Duration.ofSeconds(30));
        assertThat(kubernetes.client().pods().inNamespace("default").list().getItems()).isEmpty();
        assertThat(kubernetes.client().secrets().inNamespace("default").list().getItems()).as("the cluster's secret").isEmpty();
    }

    @Test
    void theClusterWorksLockedAndAClientWithoutItsSecretGetsNoVariable() throws Exception {
        Settings k8s = KubernetesSettings.defaults().with(KubernetesSettings.MASTER, "k8s://" + kubernetes.url())
                .with(KubernetesSettings.IMAGE, "kindling/executor:test").with(KubernetesSettings.MEMORY, MemorySize.parse("memory", "512m"))
                .with(KubernetesSettings.START_TIMEOUT, Duration.ofSeconds(90))
                .with(KubernetesSettings.CONF, Map.of("spark.ui.enabled", "false"));
        SparkDefaults defaults = new SparkDefaults(Optional.of(1), Map.of("spark.ui.enabled", "false"), k8s);
        clusters = new SparkClusters(() -> defaults, KernelIdentity.ofThisProcess("tester"),
                new ReplShipping(work, List::of, (wrapper, variable) -> PASSWORD), Thread.currentThread().getThreadGroup(), work,
                url -> new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url)
                        .withHttp2Disable(true).withRequestRetryBackoffLimit(0).build()).build(), SessionSettings.NONE);

        try (SparkCluster cluster = clusters.kubernetes().executors(1).start()) {
            var conf = cluster.session().sparkContext().getConf();
            assertThat(conf.get("spark.authenticate")).isEqualTo("true");
            assertThat(conf.get("spark.network.crypto.enabled")).isEqualTo("true");
            // The executors, which hold the secret, read variables as before.
            assertThat(cluster.session().range(0, 2, 1, 2)
                    .map(mapFunction(i -> (String) ExecutorVariableAccess.readObject("Cell", "password")), Encoders.STRING())
                    .collectAsList()).containsExactly(PASSWORD, PASSWORD);

            ClusterSecret secret = ClusterSecret.of(cluster.id(), work);
            byte[] key = Files.readAllBytes(secret.driverFile());
            assertThat(key).hasSize(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.driverFile()))).isEqualTo("rw-------");
            Secret object = kubernetes.client().secrets().inNamespace("default").withName(secret.name()).get();
            assertThat(object.getMetadata().getLabels()).containsEntry(ExecutorPods.CLUSTER_ID, cluster.id())
                    .containsKey(KernelIdentity.KERNEL_ID);
            String encoded = Base64.getEncoder().encodeToString(key);
            Pod pod = kubelet.podsSeen().get(kubelet.podsSeen().size() - 1);
            assertThat(pod.getSpec().getContainers().get(0).getEnv()).as("executor env")
                    .filteredOn(e -> e.getName().equals("_SPARK_AUTH_SECRET")).singleElement()
                    .satisfies(e -> assertThat(e.getValue()).isNull())
                    .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.name()));
            assertThat(pod.toString()).as("the executor pod spec").doesNotContain(encoded)
                    .contains(secret.name());

            RpcAddress driver = cluster.session().sparkContext().env().rpcEnv().address();
            assertThat(catchThrowable(() -> askForThePassword(driver, new SparkConf(false))))
                    .as("a client without authentication").isNotNull();
            assertThat(catchThrowable(() -> askForThePassword(driver, authenticated(Base64.getEncoder().encodeToString(new byte[32])))))
                    .as("a client with another secret").isNotNull();
            // The control: the same client with the cluster's secret is answered, so the refusals above are the lock's.
            assertThat(askForThePassword(driver, authenticated(encoded)).problem()).isNull();
        }
    }

    private static SparkConf authenticated(String secret) {
        return new SparkConf(false).set("spark.authenticate", "true").set("spark.authenticate.secret", secret)
                .set("spark.network.crypto.enabled", "true");
    }

    /** What anything in the cluster network could do: connect to the driver port and ask the endpoint. */
    private static NotebookVariableReply askForThePassword(RpcAddress driver, SparkConf conf) {
        conf.set("spark.rpc.askTimeout", "10s").set("spark.rpc.lookupTimeout", "10s").set("spark.network.timeout", "10s");
        SecurityManager security = new SecurityManager(conf, Option.empty(),
                org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE());
        RpcEnv client = RpcEnv$.MODULE$.create("intruder", "127.0.0.1", "127.0.0.1", 0, conf, security, 1, true);
        try {
            RpcEndpointRef endpoint = client.setupEndpointRef(driver, NotebookVariableServer.ENDPOINT);
            return endpoint.askSync(new NotebookVariableRequest("Cell", "password"), ClassTag$.MODULE$.apply(NotebookVariableReply.class));
        } finally {
            client.shutdown();
            client.awaitTermination();
        }
    }
}
