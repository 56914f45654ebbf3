package io.kindling.magics.spark;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The executor pods of one cluster, found by its {@value #CLUSTER_ID} label, read for diagnosis and release. */
final class ExecutorPods {
    static final String CLUSTER_ID = "kindling.io/cluster-id";
    /** Waiting reasons that mean the image will never start without the user changing something. */
    private static final Set<String> IMAGE_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError");

    private final KubernetesClient client;
    private final String namespace;
    private final String clusterId;

    ExecutorPods(KubernetesClient client, String namespace, String clusterId) {
        this.client = requireNonNull(client, "client is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
        this.clusterId = requireNonNull(clusterId, "clusterId is null");
    }

    String namespace() {
        return namespace;
    }

    List<Pod> list() {
        return client.pods().inNamespace(namespace).withLabel(CLUSTER_ID, clusterId).list().getItems();
    }

    void deleteAll() {
        client.pods().inNamespace(namespace).withLabel(CLUSTER_ID, clusterId).delete();
    }

    /** A pod whose image cannot be pulled or whose container cannot be created, with the reason. */
    Optional<String> imageFailure(List<Pod> pods) {
        for (Pod pod : pods) {
            for (ContainerStatus status : containerStatuses(pod)) {
                var waiting = status.getState() == null ? null : status.getState().getWaiting();
                if (waiting != null && IMAGE_FAILURES.contains(waiting.getReason())) {
                    return Optional.of("pod " + pod.getMetadata().getName() + ": " + waiting.getReason()
                            + (waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")"));
                }
            }
        }
        return Optional.empty();
    }

    static long failed(List<Pod> pods) {
        return pods.stream().filter(p -> "Failed".equals(phase(p))).count();
    }

    /** One line per pod: name, phase, and why it waits or failed, e.g. for a start timeout. */
    static List<String> describe(List<Pod> pods) {
        List<String> lines = new ArrayList<>();
        for (Pod pod : pods) {
            StringBuilder line = new StringBuilder("  " + pod.getMetadata().getName() + ": " + phase(pod));
            if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
                pod.getStatus().getConditions().stream()
                        .filter(c -> "False".equals(c.getStatus()) && c.getReason() != null)
                        .forEach(c -> line.append(", ").append(c.getReason())
                                .append(c.getMessage() == null ? "" : ": " + c.getMessage()));
            }
            for (ContainerStatus status : containerStatuses(pod)) {
                var state = status.getState();
                if (state != null && state.getWaiting() != null && state.getWaiting().getReason() != null) {
                    line.append(", ").append(state.getWaiting().getReason());
                }
                if (state != null && state.getTerminated() != null) {
                    line.append(", exit code ").append(state.getTerminated().getExitCode());
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
    }
}
