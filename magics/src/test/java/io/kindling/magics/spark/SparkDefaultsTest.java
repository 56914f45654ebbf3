package io.kindling.magics.spark;

import io.kindling.magics.magic.MagicError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkDefaultsTest {
    @TempDir
    Path home;

    @Test
    void withoutFileOrEnvironmentEverythingHasADefaultButTheCluster() {
        SparkDefaults defaults = SparkDefaults.load(Map.of(), home);
        assertThat(defaults.localCores()).isEmpty();
        assertThat(defaults.kubernetes().master()).isEmpty();
        assertThat(defaults.kubernetes().image()).isEmpty();
        assertThat(defaults.kubernetes().namespace()).isEqualTo("default");
        assertThat(defaults.kubernetes().executors()).isEqualTo(2);
        assertThat(defaults.kubernetes().memory().toString()).isEqualTo("1g");
        assertThat(defaults.kubernetes().startTimeout()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void readsTheSparkSectionAndLetsTheEnvironmentWin() throws Exception {
        Path file = home.resolve("profiles.yaml");
        Files.writeString(file, """
                spark:
                  local: {cores: 2, conf: {spark.sql.shuffle.partitions: 8}}
                  kubernetes:
                    master: https://k8s.example.com:6443
                    namespace: ml
                    image: registry/kindling-executor:1
                    service_account: kindling
                    executors: 4
                    cores: 2
                    memory: 4g
                    start_timeout: 90s
                    node_selector: {pool: spark}
                    conf: {spark.kubernetes.executor.request.cores: "1"}
                """);
        SparkDefaults defaults = SparkDefaults.load(Map.of("KINDLING_PROFILES", file.toString(),
                SparkDefaults.ENV_K8S_NAMESPACE, "from-env", SparkDefaults.ENV_DRIVER_POD_NAME, "jupyter-0"), home);
        KubernetesDefaults k8s = defaults.kubernetes();
        assertThat(defaults.localCores()).contains(2);
        assertThat(defaults.localConf()).containsEntry("spark.sql.shuffle.partitions", "8");
        assertThat(k8s.master()).contains("k8s://https://k8s.example.com:6443");
        assertThat(k8s.namespace()).isEqualTo("from-env");
        assertThat(k8s.image()).contains("registry/kindling-executor:1");
        assertThat(k8s.serviceAccount()).contains("kindling");
        assertThat(k8s.executors()).isEqualTo(4);
        assertThat(k8s.cores()).isEqualTo(2);
        assertThat(k8s.memory().mebibytes()).isEqualTo(4096);
        assertThat(k8s.startTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(k8s.nodeSelector()).containsEntry("pool", "spark");
        assertThat(k8s.conf()).containsEntry("spark.kubernetes.executor.request.cores", "1");
        assertThat(k8s.driverPodName()).isEqualTo(Optional.of("jupyter-0"));
    }

    @Test
    void badSettingsNameTheKeyAndTheFile() throws Exception {
        Path file = home.resolve("profiles.yaml");
        Files.writeString(file, "spark:\n  kubernetes:\n    executor: 4\n");
        assertThatThrownBy(() -> SparkDefaults.load(Map.of("KINDLING_PROFILES", file.toString()), home))
                .isInstanceOf(MagicError.class)
                .hasMessageContaining(file + ": spark.kubernetes: unknown setting 'executor'")
                .hasMessageContaining("executors");
        Files.writeString(file, "spark:\n  kubernetes:\n    memory: lots\n");
        assertThatThrownBy(() -> SparkDefaults.load(Map.of("KINDLING_PROFILES", file.toString()), home))
                .hasMessageContaining("spark.kubernetes.memory 'lots' is not a memory size");
        Files.writeString(file, "spark:\n  kubernetes:\n    executors: 0\n");
        assertThatThrownBy(() -> SparkDefaults.load(Map.of("KINDLING_PROFILES", file.toString()), home))
                .hasMessageContaining("spark.kubernetes.executors must be a positive whole number, got '0'");
        Files.writeString(file, "spark:\n  kubernetes:\n    start_timeout: soon\n");
        assertThatThrownBy(() -> SparkDefaults.load(Map.of("KINDLING_PROFILES", file.toString()), home))
                .hasMessageContaining("start_timeout 'soon' is not a duration");
    }
}
