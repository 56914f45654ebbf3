package io.kindling.magics.spark;

import io.kindling.magics.config.Settings;
import io.kindling.magics.magic.MagicError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static io.kindling.magics.spark.KubernetesSettings.CONF;
import static io.kindling.magics.spark.KubernetesSettings.CORES;
import static io.kindling.magics.spark.KubernetesSettings.DRIVER_POD_NAME;
import static io.kindling.magics.spark.KubernetesSettings.EXECUTORS;
import static io.kindling.magics.spark.KubernetesSettings.IMAGE;
import static io.kindling.magics.spark.KubernetesSettings.MASTER;
import static io.kindling.magics.spark.KubernetesSettings.MAX_EXECUTORS;
import static io.kindling.magics.spark.KubernetesSettings.MEMORY;
import static io.kindling.magics.spark.KubernetesSettings.NAMESPACE;
import static io.kindling.magics.spark.KubernetesSettings.NODE_SELECTOR;
import static io.kindling.magics.spark.KubernetesSettings.POD_TEMPLATE;
import static io.kindling.magics.spark.KubernetesSettings.SERVICE_ACCOUNT;
import static io.kindling.magics.spark.KubernetesSettings.START_TIMEOUT;
import static io.kindling.magics.spark.KubernetesSettings.TOLERATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkDefaultsTest {
    @TempDir
    Path home;

    @Test
    void withoutFileOrEnvironmentEverythingHasADefaultButTheCluster() {
        SparkDefaults defaults = SparkDefaults.load(Map.of(), home);
        Settings k8s = defaults.kubernetes();
        assertThat(defaults.localCores()).isEmpty();
        assertThat(k8s.find(MASTER)).isEmpty();
        assertThat(k8s.find(IMAGE)).isEmpty();
        assertThat(k8s.find(MAX_EXECUTORS)).isEmpty();
        assertThat(k8s.get(NAMESPACE)).isEqualTo("default");
        assertThat(k8s.get(EXECUTORS)).isEqualTo(2);
        assertThat(k8s.get(CORES)).isEqualTo(1);
        assertThat(k8s.get(MEMORY).toString()).isEqualTo("1g");
        assertThat(k8s.get(START_TIMEOUT)).isEqualTo(Duration.ofMinutes(3));
        assertThat(k8s.get(CONF)).isEmpty();
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
                    pod_template: executor.yaml
                    node_selector: {pool: spark}
                    conf: {spark.kubernetes.executor.request.cores: "1"}
                """);
        SparkDefaults defaults = SparkDefaults.load(Map.of("KINDLING_PROFILES", file.toString(),
                SparkDefaults.ENV_K8S_NAMESPACE, "from-env", SparkDefaults.ENV_DRIVER_POD_NAME, "jupyter-0"), home);
        Settings k8s = defaults.kubernetes();
        assertThat(defaults.localCores()).contains(2);
        assertThat(defaults.localConf()).isEqualTo(Map.of("spark.sql.shuffle.partitions", "8"));
        assertThat(k8s.get(MASTER)).isEqualTo("k8s://https://k8s.example.com:6443");
        assertThat(k8s.get(NAMESPACE)).isEqualTo("from-env");
        assertThat(k8s.get(IMAGE)).isEqualTo("registry/kindling-executor:1");
        assertThat(k8s.find(SERVICE_ACCOUNT)).contains("kindling");
        assertThat(k8s.get(EXECUTORS)).isEqualTo(4);
        assertThat(k8s.get(CORES)).isEqualTo(2);
        assertThat(k8s.get(MEMORY).mebibytes()).isEqualTo(4096);
        assertThat(k8s.get(START_TIMEOUT)).isEqualTo(Duration.ofSeconds(90));
        assertThat(k8s.find(POD_TEMPLATE)).contains(home.resolve("executor.yaml"));
        assertThat(k8s.get(NODE_SELECTOR)).isEqualTo(Map.of("pool", "spark"));
        assertThat(k8s.get(CONF)).isEqualTo(Map.of("spark.kubernetes.executor.request.cores", "1"));
        assertThat(k8s.find(DRIVER_POD_NAME)).isEqualTo(Optional.of("jupyter-0"));
    }

    @Test
    void badSettingsNameTheFileLineAndKeyPath() throws Exception {
        Path file = home.resolve("profiles.yaml");
        Map<String, String> environment = Map.of("KINDLING_PROFILES", file.toString());
        Files.writeString(file, "spark:\n  kubernetes:\n    executor: 4\n");
        assertThatThrownBy(() -> SparkDefaults.load(environment, home))
                .isInstanceOf(MagicError.class)
                .hasMessageStartingWith(file + ":3:5: spark.kubernetes.executor: unknown setting 'executor' (did you mean executors?)");
        Files.writeString(file, "spark:\n  kubernetes:\n    memory: lots\n");
        assertThatThrownBy(() -> SparkDefaults.load(environment, home))
                .hasMessageStartingWith(file + ":3:5: spark.kubernetes.memory 'lots' is not a memory size");
        Files.writeString(file, "spark:\n  kubernetes:\n    executors: 0\n");
        assertThatThrownBy(() -> SparkDefaults.load(environment, home))
                .hasMessage(file + ":3:5: spark.kubernetes.executors must be a positive whole number, got '0'");
        Files.writeString(file, "spark:\n  kubernetes:\n    start_timeout: soon\n");
        assertThatThrownBy(() -> SparkDefaults.load(environment, home))
                .hasMessage(file + ":3:5: spark.kubernetes.start_timeout 'soon' is not a duration such as 90s, 3m or 1h");
        Files.writeString(file, "spark:\n  lcoal: {cores: 2}\n");
        assertThatThrownBy(() -> SparkDefaults.load(environment, home))
                .hasMessageStartingWith(file + ":2:3: spark.lcoal: unknown setting 'lcoal' (did you mean local?)");
        Files.writeString(file, "spark:\n  kubernetes:\n    driver_pod_name: me\n");
        assertThatThrownBy(() -> SparkDefaults.load(environment, home))
                .hasMessageStartingWith(file + ":3:5: spark.kubernetes.driver_pod_name: unknown setting 'driver_pod_name'");
    }

    @Test
    void lazyDefaultsFailOnUseAndSeeTheFixedFileOnTheNextUse() throws Exception {
        Path file = home.resolve("profiles.yaml");
        Files.writeString(file, "spark:\n  kubernetes:\n    executorz: 4\n");
        Supplier<SparkDefaults> defaults = SparkDefaults.lazy(Map.of("KINDLING_PROFILES", file.toString()), home);

        assertThatThrownBy(defaults::get).hasMessageStartingWith(file + ":3:5: spark.kubernetes.executorz: unknown setting");
        Files.writeString(file, "spark:\n  kubernetes:\n    executors: 4\n");
        assertThat(defaults.get().kubernetes().get(EXECUTORS)).isEqualTo(4);
    }

    @Test
    void builderMethodsAndOverridesEachReplaceOneSetting() {
        Settings start = KubernetesSettings.defaults().with(MASTER, "k8s://https://h:1").with(IMAGE, "img")
                .with(CONF, Map.of("a", "1"));
        KubernetesClusterBuilder builder = new KubernetesClusterBuilder(start, spec -> null)
                .dynamicAllocation(0, 8).cores(3).nodeSelector("pool", "spark").toleration("dedicated", "spark", "NoSchedule")
                .override("memory", "2g").override("conf", "b=2").override("executors", "5");
        Settings settings = builder.spec().settings();

        assertThat(settings.get(EXECUTORS)).isEqualTo(5);
        assertThat(settings.find(MAX_EXECUTORS)).contains(8);
        assertThat(settings.get(CORES)).isEqualTo(3);
        assertThat(settings.get(MEMORY).toString()).isEqualTo("2g");
        assertThat(settings.get(CONF)).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(settings.get(NODE_SELECTOR)).isEqualTo(Map.of("pool", "spark"));
        assertThat(settings.get(TOLERATIONS)).singleElement()
                .satisfies(t -> assertThat(t.getKey() + "=" + t.getValue() + ":" + t.getEffect()).isEqualTo("dedicated=spark:NoSchedule"));
        assertThat(start.get(CONF)).isEqualTo(Map.of("a", "1"));
        assertThat(start.get(EXECUTORS)).isEqualTo(2);
        assertThat(builder.executors(2).spec().settings().find(MAX_EXECUTORS)).isEmpty();
        assertThat(builder.override("tolerations", "pool=gpu:NoExecute").spec().settings().get(TOLERATIONS)).hasSize(2);
    }

    @Test
    void overridesFromTextAreCheckedLikeTheFile() {
        Settings settings = KubernetesSettings.defaults();
        assertThatThrownBy(() -> settings.override("executorz", "4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown setting 'executorz' (did you mean executors?)");
        assertThatThrownBy(() -> settings.override("executors", "many"))
                .hasMessage("executors must be a positive whole number, got 'many'");
        assertThatThrownBy(() -> settings.override("conf", "novalue"))
                .hasMessage("conf 'novalue' is not key=value");
        assertThatThrownBy(() -> settings.override("tolerations", "pool"))
                .hasMessage("tolerations 'pool' is not a toleration key=value:effect, e.g. pool=spark:NoSchedule");
        assertThat(settings.override("master", "127.0.0.1:6443").get(MASTER)).isEqualTo("k8s://https://127.0.0.1:6443");
    }

    @Test
    void memoryBelowSparksMinimumFailsTheFinalCheck() {
        Settings settings = KubernetesSettings.defaults().with(MASTER, "k8s://https://h:1").with(IMAGE, "img")
                .override("memory", "256m");
        assertThatThrownBy(() -> new KubernetesClusterBuilder(settings, spec -> null).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memory 256m is below Spark's minimum of 450m per executor");
    }
}
