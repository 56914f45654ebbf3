package io.kindling.magics.spark;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.kindling.magics.config.MemorySize;
import io.kindling.magics.config.ProfileSection;
import io.kindling.magics.config.Setting;
import io.kindling.magics.config.SettingType;
import io.kindling.magics.config.Settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of an ephemeral Kubernetes cluster, declared once: the {@code spark.kubernetes} section of
 * the profiles file, the environment variables that win over it, the builder's methods and a cell's
 * {@code --executors}/{@code --memory}/{@code --conf} overrides all read and write one immutable
 * {@link Settings} value keyed by these constants. A new setting is one constant here (and, when it
 * reaches Spark, one line in {@link KubernetesSparkConf}).
 * <pre>{@code
 * Settings cluster = KubernetesSettings.read(file.section("spark").section("kubernetes"), System.getenv())
 *         .override("executors", "8").override("conf", "spark.sql.shuffle.partitions=64");
 * }</pre>
 */
public final class KubernetesSettings {
    /** Spark's {@code k8s://https://host:port} address of the API server. */
    public static final Setting<String> MASTER = Setting.of("master", SettingType.scalar(KubernetesSettings::k8sMaster))
            .fromEnvironment(SparkDefaults.ENV_K8S_MASTER);
    /** Where executor pods are created. */
    public static final Setting<String> NAMESPACE = Setting.of("namespace", SettingType.TEXT).withDefault("default")
            .fromEnvironment(SparkDefaults.ENV_K8S_NAMESPACE);
    /** The executor image (see {@code docker/executor}). */
    public static final Setting<String> IMAGE = Setting.of("image", SettingType.TEXT).fromEnvironment(SparkDefaults.ENV_EXECUTOR_IMAGE);
    /** The service account executor pods run as. */
    public static final Setting<String> SERVICE_ACCOUNT = Setting.of("service_account", SettingType.TEXT);
    /** Executors to start and wait for; the minimum with dynamic allocation. */
    public static final Setting<Integer> EXECUTORS = Setting.of("executors", SettingType.POSITIVE_INT).withDefault(2);
    /** With dynamic allocation, how far Spark may scale up; unset means a fixed number of executors. */
    public static final Setting<Integer> MAX_EXECUTORS = Setting.of("max_executors", SettingType.POSITIVE_INT).notInProfile();
    /** Cores (task slots) per executor. */
    public static final Setting<Integer> CORES = Setting.of("cores", SettingType.POSITIVE_INT).withDefault(1);
    /** Heap per executor. */
    public static final Setting<MemorySize> MEMORY = Setting.of("memory", SettingType.MEMORY)
            .withDefault(MemorySize.parse("memory", "1g"));
    /** An executor pod template (volumes, sidecars, anything Spark's settings do not cover). */
    public static final Setting<Path> POD_TEMPLATE = Setting.of("pod_template", SettingType.FILE);
    /** Node labels executors must be scheduled on. */
    public static final Setting<Map<String, String>> NODE_SELECTOR = Setting.of("node_selector", SettingType.STRING_MAP)
            .withDefault(Map.of());
    /** Taints executors tolerate; as text {@code key=value:effect}. */
    public static final Setting<List<Toleration>> TOLERATIONS = Setting.of("tolerations",
            SettingType.list(KubernetesSettings::toleration)).withDefault(List.of()).notInProfile();
    /** How long {@code start()} waits for the executors. */
    public static final Setting<Duration> START_TIMEOUT = Setting.of("start_timeout", SettingType.DURATION)
            .withDefault(Duration.ofMinutes(3));
    /** Any other Spark setting; applied last. */
    public static final Setting<Map<String, String>> CONF = Setting.of("conf", SettingType.STRING_MAP).withDefault(Map.of());
    /** The address executors use to reach this kernel (its pod IP in-cluster). */
    public static final Setting<String> DRIVER_HOST = Setting.of("driver_host", SettingType.TEXT)
            .fromEnvironment(SparkDefaults.ENV_DRIVER_HOST);
    /** The kernel's own pod, so executor pods are owned by it and die with it; only a kernel pod knows it. */
    public static final Setting<String> DRIVER_POD_NAME = Setting.of("driver_pod_name", SettingType.TEXT)
            .fromEnvironment(SparkDefaults.ENV_DRIVER_POD_NAME).notInProfile();

    /** All of them, in the order {@code describe} and errors list them. */
    public static final List<Setting<?>> ALL = List.of(MASTER, NAMESPACE, IMAGE, SERVICE_ACCOUNT, EXECUTORS, MAX_EXECUTORS,
            CORES, MEMORY, POD_TEMPLATE, NODE_SELECTOR, TOLERATIONS, START_TIMEOUT, CONF, DRIVER_HOST, DRIVER_POD_NAME);

    private static final Pattern TOLERATION = Pattern.compile("([^=:]+)=([^:]*):(\\w+)");

    private KubernetesSettings() {
    }

    /** Every setting at its default: no master, no image. */
    public static Settings defaults() {
        return Settings.defaults(ALL);
    }

    /** The {@code spark.kubernetes} section and the environment, which wins. */
    public static Settings read(ProfileSection section, Map<String, String> environment) {
        return Settings.read(ALL, section, environment);
    }

    /** Accepts {@code k8s://https://host}, {@code https://host} and {@code http://host} (tests, proxies). */
    static String k8sMaster(String what, String master) {
        String url = master.strip();
        url = url.startsWith("k8s://") ? url.substring("k8s://".length()) : url;
        if (url.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty; use k8s://https://host:port");
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            url = "https://" + url;
        }
        return "k8s://" + url;
    }

    /** {@code pool=spark:NoSchedule}. */
    static Toleration toleration(String what, String text) {
        Matcher m = TOLERATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a toleration key=value:effect,"
                    + " e.g. pool=spark:NoSchedule");
        }
        return toleration(m.group(1), m.group(2), m.group(3));
    }

    static Toleration toleration(String key, String value, String effect) {
        return new TolerationBuilder().withKey(key).withOperator("Equal").withValue(value).withEffect(effect).build();
    }
}
