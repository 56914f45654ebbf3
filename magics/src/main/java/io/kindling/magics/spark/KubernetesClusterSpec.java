package io.kindling.magics.spark;

import io.kindling.magics.config.MemorySize;
import io.kindling.magics.config.Setting;
import io.kindling.magics.config.Settings;
import io.kindling.magics.magic.ErrorName;

import java.util.Optional;

import static io.kindling.magics.spark.KubernetesSettings.CORES;
import static io.kindling.magics.spark.KubernetesSettings.EXECUTORS;
import static io.kindling.magics.spark.KubernetesSettings.IMAGE;
import static io.kindling.magics.spark.KubernetesSettings.MASTER;
import static io.kindling.magics.spark.KubernetesSettings.MAX_EXECUTORS;
import static io.kindling.magics.spark.KubernetesSettings.MEMORY;
import static io.kindling.magics.spark.KubernetesSettings.NAMESPACE;
import static java.util.Objects.requireNonNull;

/**
 * The {@link KubernetesSettings} one cluster starts with, after the final check the starter relies on:
 * an API server and an executor image are there, and the memory is enough for Spark.
 *
 * @param settings the checked settings
 */
record KubernetesClusterSpec(Settings settings) {
    KubernetesClusterSpec {
        requireNonNull(settings, "settings is null");
        settings.find(MASTER).orElseThrow(() -> new ClusterException(ErrorName.NO_KUBERNETES,
                "no Kubernetes API server is configured: call master(\"k8s://https://host:port\"), set "
                        + SparkDefaults.ENV_K8S_MASTER + ", or add spark.kubernetes.master to the profiles file"));
        settings.find(IMAGE).orElseThrow(() -> new ClusterException(ErrorName.NO_EXECUTOR_IMAGE,
                "no executor image is configured: call image(\"registry/kindling-executor:version\"), set "
                        + SparkDefaults.ENV_EXECUTOR_IMAGE + ", or add spark.kubernetes.image to the profiles file"
                        + " (docker/executor builds one)"));
        settings.get(MEMORY).atLeast(MemorySize.SPARK_MINIMUM, "memory");
    }

    /** A setting with a default, or checked above. */
    <T> T get(Setting<T> setting) {
        return settings.get(setting);
    }

    /** A setting that may be unset. */
    <T> Optional<T> find(Setting<T> setting) {
        return settings.find(setting);
    }

    boolean dynamicAllocation() {
        return settings.find(MAX_EXECUTORS).isPresent();
    }

    /** The API server's own URL, without Spark's {@code k8s://} prefix. */
    String apiServer() {
        return get(MASTER).substring("k8s://".length());
    }

    String describe() {
        int executors = get(EXECUTORS);
        return "kubernetes " + get(NAMESPACE) + ", "
                + (dynamicAllocation() ? executors + "-" + get(MAX_EXECUTORS) : Integer.toString(executors))
                + " executors × " + get(CORES) + " cores, " + get(MEMORY);
    }
}
