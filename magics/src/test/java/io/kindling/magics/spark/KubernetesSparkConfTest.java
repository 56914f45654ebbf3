package io.kindling.magics.spark;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kindling.magics.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kindling.magics.spark.KubernetesSettings.CONF;
import static io.kindling.magics.spark.KubernetesSettings.DRIVER_HOST;
import static io.kindling.magics.spark.KubernetesSettings.DRIVER_POD_NAME;
import static io.kindling.magics.spark.KubernetesSettings.IMAGE;
import static io.kindling.magics.spark.KubernetesSettings.MASTER;
import static io.kindling.magics.spark.KubernetesSettings.NAMESPACE;
import static io.kindling.magics.spark.KubernetesSettings.SERVICE_ACCOUNT;
import static io.kindling.magics.spark.KubernetesSettings.START_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesSparkConfTest {
    @TempDir
    Path dir;

    private KubernetesClusterBuilder builder(Optional<String> driverPod) {
        Settings defaults = KubernetesSettings.defaults().with(MASTER, "k8s://https://10.0.0.1:6443").with(NAMESPACE, "ml")
                .with(IMAGE, "registry/exec:1").with(SERVICE_ACCOUNT, "kindling").with(START_TIMEOUT, Duration.ofMinutes(1))
                .with(CONF, Map.of("spark.sql.shuffle.partitions", "16")).with(DRIVER_HOST, "10.1.2.3");
        if (driverPod.isPresent()) {
            defaults = defaults.with(DRIVER_POD_NAME, driverPod.get());
        }
        return new KubernetesClusterBuilder(defaults, spec -> { throw new AssertionError("not started in this test"); });
    }

    private Map<String, String> conf(KubernetesClusterBuilder builder) {
        KubernetesSparkConf steps = new KubernetesSparkConf("c0ffee12", Map.of(KernelIdentity.USER, "alice"),
                new ReplShipping(dir.resolve("classes"), () -> List.of(Path.of("/jars/a.jar")), KubernetesSparkConfTest::noVariables), dir,
                ClusterSecret.of("c0ffee12", dir));
        return steps.build(builder.spec());
    }

    @Test
    void clientModeClusterWithLabelsSizingAndShipping() {
        Map<String, String> conf = conf(builder(Optional.empty()).executors(4).cores(2).memory("2g")
                .conf("spark.sql.shuffle.partitions", "64"));
        assertThat(conf).containsEntry("spark.master", "k8s://https://10.0.0.1:6443")
                .containsEntry("spark.submit.deployMode", "client")
                .containsEntry("spark.kubernetes.namespace", "ml")
                .containsEntry("spark.kubernetes.container.image", "registry/exec:1")
                .containsEntry("spark.kubernetes.authenticate.executor.serviceAccountName", "kindling")
                .containsEntry("spark.executor.instances", "4")
                .containsEntry("spark.executor.cores", "2")
                .containsEntry("spark.executor.memory", "2g")
                .containsEntry("spark.kubernetes.executor.podNamePrefix", "kindling-c0ffee12")
                .containsEntry("spark.kubernetes.executor.label.kindling.io/cluster-id", "c0ffee12")
                .containsEntry("spark.kubernetes.executor.label.kindling.io/user", "alice")
                .containsEntry("spark.kubernetes.executor.disableConfigMap", "true")
                .containsEntry("spark.driver.host", "10.1.2.3")
                .containsEntry("spark.driver.bindAddress", "0.0.0.0")
                .containsEntry("spark.repl.class.outputDir", dir.resolve("classes").toString())
                .containsEntry("spark.jars", "file:///jars/a.jar")
                .containsEntry("spark.sql.shuffle.partitions", "64")
                .doesNotContainKey("spark.kubernetes.driver.pod.name")
                .doesNotContainKey("spark.dynamicAllocation.enabled");
    }

    @Test
    void connectionsAreAuthenticatedAndEncryptedWithASecretThatTravelsOnlyAsFiles() {
        Map<String, String> conf = conf(builder(Optional.empty()));
        assertThat(conf).containsEntry("spark.authenticate", "true")
                .containsEntry("spark.network.crypto.enabled", "true")
                .containsEntry("spark.kubernetes.executor.secrets.kindling-spark-auth-c0ffee12", "/opt/kindling/spark-auth")
                .containsEntry("spark.kubernetes.executor.secretKeyRef._SPARK_AUTH_SECRET", "kindling-spark-auth-c0ffee12:key")
                .containsEntry("spark.authenticate.secret.executor.file", "/opt/kindling/spark-auth/secret")
                .containsEntry("spark.authenticate.secret.driver.file", dir.resolve("spark-auth-c0ffee12").toString())
                // A value here would reach the Spark UI's environment page and every executor's command line.
                .doesNotContainKey("spark.authenticate.secret");
    }

    @Test
    void inAPodExecutorsAreOwnedByTheKernelPodAndUseFixedPorts() {
        Map<String, String> conf = conf(builder(Optional.of("jupyter-alice-0")));
        assertThat(conf).containsEntry("spark.kubernetes.driver.pod.name", "jupyter-alice-0")
                .containsEntry("spark.driver.port", "7078")
                .containsEntry("spark.driver.blockManager.port", "7079");
    }

    @Test
    void dynamicAllocationScalesBetweenBounds() {
        Map<String, String> conf = conf(builder(Optional.empty()).dynamicAllocation(0, 8));
        assertThat(conf).containsEntry("spark.dynamicAllocation.enabled", "true")
                .containsEntry("spark.dynamicAllocation.minExecutors", "0")
                .containsEntry("spark.dynamicAllocation.maxExecutors", "8")
                .containsEntry("spark.dynamicAllocation.shuffleTracking.enabled", "true")
                .doesNotContainKey("spark.executor.instances");
    }

    @Test
    void tolerationsAndNodeSelectorsPlaceExecutors() throws Exception {
        Map<String, String> conf = conf(builder(Optional.empty()).nodeSelector("pool", "spark")
                .toleration("dedicated", "spark", "NoSchedule"));
        assertThat(conf).containsEntry("spark.kubernetes.executor.node.selector.pool", "spark");
        Pod template = Serialization.unmarshal(Files.readString(Path.of(conf.get("spark.kubernetes.executor.podTemplateFile"))), Pod.class);
        assertThat(template.getSpec().getTolerations()).singleElement()
                .satisfies(t -> assertThat(t.getKey() + "=" + t.getValue() + ":" + t.getEffect()).isEqualTo("dedicated=spark:NoSchedule"));
    }

    @Test
    void missingClusterSettingsSayWhereToSetThem() {
        KubernetesClusterBuilder builder = new KubernetesClusterBuilder(KubernetesSettings.defaults(), spec -> null);
        assertThatThrownBy(builder::start)
                .hasMessageContaining("no Kubernetes API server is configured").hasMessageContaining("KINDLING_K8S_MASTER");
        assertThatThrownBy(() -> builder.master("https://127.0.0.1:1").start())
                .hasMessageContaining("no executor image is configured").hasMessageContaining("KINDLING_SPARK_IMAGE");
    }

    private static Object noVariables(String wrapperClass, String variable) throws NoSuchFieldException {
        throw new NoSuchFieldException(wrapperClass + "." + variable);
    }
}
