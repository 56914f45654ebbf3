package io.kindling.magics.spark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@code Spark.kubernetes()} starts with before the cell's own settings: the
 * {@code spark.kubernetes} section of the profiles file and the environment.
 *
 * @param master        Spark's {@code k8s://https://host:port} address of the API server
 * @param namespace     where executor pods are created
 * @param image         the executor image (see {@code docker/executor})
 * @param driverHost    the address executors use to reach this kernel (its pod IP in-cluster)
 * @param driverPodName the kernel's own pod, so executor pods are owned by it and die with it
 */
public record KubernetesDefaults(
        Optional<String> master,
        String namespace,
        Optional<String> image,
        Optional<String> serviceAccount,
        int executors,
        int cores,
        MemorySize memory,
        Optional<Path> podTemplate,
        Map<String, String> nodeSelector,
        Duration startTimeout,
        Map<String, String> conf,
        Optional<String> driverHost,
        Optional<String> driverPodName) {

    public KubernetesDefaults {
        requireNonNull(master, "master is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(image, "image is null");
        requireNonNull(serviceAccount, "serviceAccount is null");
        requireNonNull(memory, "memory is null");
        requireNonNull(podTemplate, "podTemplate is null");
        nodeSelector = Map.copyOf(nodeSelector);
        requireNonNull(startTimeout, "startTimeout is null");
        conf = Map.copyOf(conf);
        requireNonNull(driverHost, "driverHost is null");
        requireNonNull(driverPodName, "driverPodName is null");
    }
}
