package io.kindling.magics.spark;

import io.kindling.magics.magic.ErrorName;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
    private final KubernetesDefaults defaults;
    private final Function<KubernetesClusterSpec, SparkCluster> starter;
    private Optional<String> master;
    private String namespace;
    private Optional<String> image;
    private Optional<String> serviceAccount;
    private int executors;
    private Optional<Integer> maxExecutors = Optional.empty();
    private int cores;
    private MemorySize memory;
    private Optional<Path> podTemplate;
    private final Map<String, String> nodeSelector;
    private final List<Toleration> tolerations = new ArrayList<>();
    private Duration startTimeout;
    private final Map<String, String> conf;

    KubernetesClusterBuilder(KubernetesDefaults defaults, Function<KubernetesClusterSpec, SparkCluster> starter) {
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.starter = requireNonNull(starter, "starter is null");
        this.master = defaults.master();
        this.namespace = defaults.namespace();
        this.image = defaults.image();
        this.serviceAccount = defaults.serviceAccount();
        this.executors = defaults.executors();
        this.cores = defaults.cores();
        this.memory = defaults.memory();
        this.podTemplate = defaults.podTemplate();
        this.nodeSelector = new LinkedHashMap<>(defaults.nodeSelector());
        this.startTimeout = defaults.startTimeout();
        this.conf = new LinkedHashMap<>(defaults.conf());
    }

    /** How many executor pods to start (and wait for). */
    public KubernetesClusterBuilder executors(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("executors(" + count + "): a cluster needs at least 1 executor;"
                    + " for scale-to-zero use dynamicAllocation(0, max)");
        }
        this.executors = count;
        this.maxExecutors = Optional.empty();
        return this;
    }

    /** Lets Spark add and remove executors between {@code min} and {@code max} as the work needs. */
    public KubernetesClusterBuilder dynamicAllocation(int min, int max) {
        if (min < 0 || max < 1 || max < min) {
            throw new IllegalArgumentException("dynamicAllocation(" + min + ", " + max + "): need 0 <= min <= max and max >= 1");
        }
        this.executors = min;
        this.maxExecutors = Optional.of(max);
        return this;
    }

    /** Cores (task slots) per executor. */
    public KubernetesClusterBuilder cores(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("cores(" + count + "): each executor needs at least 1 core");
        }
        this.cores = count;
        return this;
    }

    /** Heap per executor, as Spark spells it: {@code "4g"}, {@code "512m"}. */
    public KubernetesClusterBuilder memory(String size) {
        this.memory = MemorySize.parse("memory", size).atLeast(MemorySize.SPARK_MINIMUM, "memory");
        return this;
    }

    /** The executor image; see {@code docker/executor}. */
    public KubernetesClusterBuilder image(String image) {
        this.image = Optional.of(requireNonNull(image, "image is null"));
        return this;
    }

    public KubernetesClusterBuilder namespace(String namespace) {
        this.namespace = requireNonNull(namespace, "namespace is null");
        return this;
    }

    /** Spark's {@code k8s://https://host:port} address of the API server. */
    public KubernetesClusterBuilder master(String master) {
        this.master = Optional.of(SparkDefaults.k8sMaster(requireNonNull(master, "master is null")));
        return this;
    }

    /** The service account executor pods run as. */
    public KubernetesClusterBuilder serviceAccount(String name) {
        this.serviceAccount = Optional.of(requireNonNull(name, "name is null"));
        return this;
    }

    /** A pod template file for executors (volumes, sidecars, anything Spark's settings do not cover). */
    public KubernetesClusterBuilder podTemplate(String file) {
        Path path = Path.of(requireNonNull(file, "file is null"));
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("podTemplate(\"" + file + "\"): no such file");
        }
        this.podTemplate = Optional.of(path);
        return this;
    }

    /** Schedules executors only on nodes with this label. */
    public KubernetesClusterBuilder nodeSelector(String key, String value) {
        nodeSelector.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        return this;
    }

    /** Lets executors run on nodes tainted {@code key=value:effect}, e.g. {@code ("pool", "spark", "NoSchedule")}. */
    public KubernetesClusterBuilder toleration(String key, String value, String effect) {
        tolerations.add(new TolerationBuilder().withKey(requireNonNull(key, "key is null")).withOperator("Equal")
                .withValue(requireNonNull(value, "value is null")).withEffect(requireNonNull(effect, "effect is null")).build());
        return this;
    }

    /** How long {@link #start()} waits for the executors before it gives up and deletes the pods. */
    public KubernetesClusterBuilder startTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, got " + timeout);
        }
        this.startTimeout = timeout;
        return this;
    }

    /** Any other Spark setting, e.g. {@code conf("spark.sql.shuffle.partitions", "64")}. */
    public KubernetesClusterBuilder conf(String key, String value) {
        conf.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        return this;
    }

    /**
     * Creates the executor pods and returns once they have registered. On any failure the pods are
     * deleted before the error is thrown.
     */
    public SparkCluster start() {
        return starter.apply(spec());
    }

    KubernetesClusterSpec spec() {
        String resolvedMaster = master.orElseThrow(() -> new ClusterException(ErrorName.NO_KUBERNETES,
                "no Kubernetes API server is configured: call master(\"k8s://https://host:port\"), set "
                        + SparkDefaults.ENV_K8S_MASTER + ", or add spark.kubernetes.master to the profiles file"));
        String resolvedImage = image.orElseThrow(() -> new ClusterException(ErrorName.NO_EXECUTOR_IMAGE,
                "no executor image is configured: call image(\"registry/kindling-executor:version\"), set "
                        + SparkDefaults.ENV_EXECUTOR_IMAGE + ", or add spark.kubernetes.image to the profiles file"
                        + " (docker/executor builds one)"));
        memory.atLeast(MemorySize.SPARK_MINIMUM, "memory");
        return new KubernetesClusterSpec(resolvedMaster, namespace, resolvedImage, serviceAccount, executors, maxExecutors,
                cores, memory, podTemplate, nodeSelector, tolerations, startTimeout, conf, defaults.driverHost(),
                defaults.driverPodName());
    }
}
