package io.kindling.magics.spark;

import io.fabric8.kubernetes.api.model.Toleration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything one ephemeral Kubernetes cluster is started with, checked: what the builder collected on
 * top of the notebook's {@link KubernetesDefaults}.
 *
 * @param executors the executors to wait for at start (the minimum, with dynamic allocation)
 * @param maxExecutors with dynamic allocation, how far Spark may scale up
 */
record KubernetesClusterSpec(
        String master,
        String namespace,
        String image,
        Optional<String> serviceAccount,
        int executors,
        Optional<Integer> maxExecutors,
        int cores,
        MemorySize memory,
        Optional<Path> podTemplate,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        Duration startTimeout,
        Map<String, String> conf,
        Optional<String> driverHost,
        Optional<String> driverPodName) {

    KubernetesClusterSpec {
        requireNonNull(master, "master is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(image, "image is null");
        requireNonNull(serviceAccount, "serviceAccount is null");
        requireNonNull(maxExecutors, "maxExecutors is null");
        requireNonNull(memory, "memory is null");
        requireNonNull(podTemplate, "podTemplate is null");
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
        requireNonNull(startTimeout, "startTimeout is null");
        conf = Map.copyOf(conf);
        requireNonNull(driverHost, "driverHost is null");
        requireNonNull(driverPodName, "driverPodName is null");
    }

    boolean dynamicAllocation() {
        return maxExecutors.isPresent();
    }

    /** The API server's own URL, without Spark's {@code k8s://} prefix. */
    String apiServer() {
        return master.substring("k8s://".length());
    }

    String describe() {
        return "kubernetes " + namespace + ", "
                + (dynamicAllocation() ? executors + "-" + maxExecutors.get() : Integer.toString(executors))
                + " executors × " + cores + " cores, " + memory;
    }
}
