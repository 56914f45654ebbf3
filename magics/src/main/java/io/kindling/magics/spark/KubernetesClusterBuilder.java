package io.kindling.magics.spark;

import io.kindling.magics.config.MemorySize;
import io.kindling.magics.config.Settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.kindling.magics.spark.KubernetesSettings.CONF;
import static io.kindling.magics.spark.KubernetesSettings.CORES;
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
import static java.util.Objects.requireNonNull;

/**
 * Describes an ephemeral Spark cluster on Kubernetes; {@link #start()} creates it. Unset settings come
 * from the {@code spark.kubernetes} section of the profiles file.
 * <pre>{@code
 * try (var cluster = Spark.kubernetes().executors(64).cores(16).memory("32g").start()) {
 *     var spark = cluster.session();
 *     spark.range(5120).map((MapFunction<Long, Long>) i -> { Thread.sleep(5000); return i; }, Encoders.LONG()).count();
 * }   // every executor pod is gone here, whatever happened inside
 * }</pre>
 */
public final class KubernetesClusterBuilder {
    private final Function<KubernetesClusterSpec, SparkCluster> starter;
    /** Replaced, never changed: each method below sets one of {@link KubernetesSettings}. */
    private Settings settings;

    KubernetesClusterBuilder(Settings defaults, Function<KubernetesClusterSpec, SparkCluster> starter) {
        this.settings = requireNonNull(defaults, "defaults is null");
        this.starter = requireNonNull(starter, "starter is null");
    }

    /** How many executor pods to start (and wait for). */
    public KubernetesClusterBuilder executors(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("executors(" + count + "): a cluster needs at least 1 executor;"
                    + " for scale-to-zero use dynamicAllocation(0, max)");
        }
        settings = settings.with(EXECUTORS, count).without(MAX_EXECUTORS);
        return this;
    }

    /** Lets Spark add and remove executors between {@code min} and {@code max} as the work needs. */
    public KubernetesClusterBuilder dynamicAllocation(int min, int max) {
        if (min < 0 || max < 1 || max < min) {
            throw new IllegalArgumentException("dynamicAllocation(" + min + ", " + max + "): need 0 <= min <= max and max >= 1");
        }
        settings = settings.with(EXECUTORS, min).with(MAX_EXECUTORS, max);
        return this;
    }

    /** Cores (task slots) per executor. */
    public KubernetesClusterBuilder cores(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("cores(" + count + "): each executor needs at least 1 core");
        }
        settings = settings.with(CORES, count);
        return this;
    }

    /** Heap per executor, as Spark spells it: {@code "4g"}, {@code "512m"}. */
    public KubernetesClusterBuilder memory(String size) {
        settings = settings.with(MEMORY, MemorySize.parse("memory", size).atLeast(MemorySize.SPARK_MINIMUM, "memory"));
        return this;
    }

    /** The executor image; see {@code docker/executor}. */
    public KubernetesClusterBuilder image(String image) {
        settings = settings.with(IMAGE, requireNonNull(image, "image is null"));
        return this;
    }

    public KubernetesClusterBuilder namespace(String namespace) {
        settings = settings.with(NAMESPACE, requireNonNull(namespace, "namespace is null"));
        return this;
    }

    /** Spark's {@code k8s://https://host:port} address of the API server. */
    public KubernetesClusterBuilder master(String master) {
        settings = settings.with(MASTER, MASTER.parse("master", requireNonNull(master, "master is null")));
        return this;
    }

    /** The service account executor pods run as. */
    public KubernetesClusterBuilder serviceAccount(String name) {
        settings = settings.with(SERVICE_ACCOUNT, requireNonNull(name, "name is null"));
        return this;
    }

    /** A pod template file for executors (volumes, sidecars, anything Spark's settings do not cover). */
    public KubernetesClusterBuilder podTemplate(String file) {
        Path path = Path.of(requireNonNull(file, "file is null"));
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("podTemplate(\"" + file + "\"): no such file");
        }
        settings = settings.with(POD_TEMPLATE, path);
        return this;
    }

    /** Schedules executors only on nodes with this label. */
    public KubernetesClusterBuilder nodeSelector(String key, String value) {
        settings = settings.add(NODE_SELECTOR, Map.of(requireNonNull(key, "key is null"), requireNonNull(value, "value is null")));
        return this;
    }

    /** Lets executors run on nodes tainted {@code key=value:effect}, e.g. {@code ("pool", "spark", "NoSchedule")}. */
    public KubernetesClusterBuilder toleration(String key, String value, String effect) {
        settings = settings.add(TOLERATIONS, List.of(KubernetesSettings.toleration(requireNonNull(key, "key is null"),
                requireNonNull(value, "value is null"), requireNonNull(effect, "effect is null"))));
        return this;
    }

    /** How long {@link #start()} waits for the executors before it gives up and deletes the pods. */
    public KubernetesClusterBuilder startTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, got " + timeout);
        }
        settings = settings.with(START_TIMEOUT, timeout);
        return this;
    }

    /** Any other Spark setting, e.g. {@code conf("spark.sql.shuffle.partitions", "64")}. */
    public KubernetesClusterBuilder conf(String key, String value) {
        settings = settings.add(CONF, Map.of(requireNonNull(key, "key is null"), requireNonNull(value, "value is null")));
        return this;
    }

    /**
     * Whether an API server is named (the profiles file's {@code spark.kubernetes.master} or
     * {@code KINDLING_K8S_MASTER}), so one notebook runs on Kubernetes where one is configured and on local
     * Spark elsewhere:
     * <pre>{@code
     * var kubernetes = Spark.kubernetes();
     * try (var cluster = kubernetes.configured() ? kubernetes.start() : Spark.local().cores(4).start()) { ... }
     * }</pre>
     */
    public boolean configured() {
        return settings.find(MASTER).isPresent();
    }

    /**
     * Creates the executor pods and returns once they have registered. On any failure the pods are
     * deleted before the error is thrown.
     */
    public SparkCluster start() {
        return starter.apply(spec());
    }

    /**
     * Applies a cell's overrides in text, as {@code %%hive --executors 8 --conf k=v} gives them; keys are
     * those of the profiles file ({@code executors}, {@code memory}, {@code conf}, ...); maps and lists add to
     * what is there, other settings are replaced.
     * <pre>{@code
     * Spark.kubernetes().override("executors", "8").override("conf", "spark.sql.shuffle.partitions=64").start();
     * }</pre>
     *
     * @throws IllegalArgumentException for an unknown key (with a "did you mean") or a wrong value
     */
    public KubernetesClusterBuilder override(String key, String value) {
        settings = settings.override(key, value);
        return this;
    }

    /** Checks the settings (master, image, memory) and freezes them for the starter. */
    KubernetesClusterSpec spec() {
        return new KubernetesClusterSpec(settings);
    }
}
