package io.kindling.magics.spark.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The JSON merge patches of a pod's {@code status} that {@link LocalKubelet} sends, shaped like a
 * kubelet's: Spark reads the phase, and the executor container's exit code for its loss reason.
 * A merge patch replaces lists whole, so each patch carries the complete container status.
 */
final class PodStatuses {
    static final String HOST_IP = "127.0.0.1";

    private PodStatuses() {
    }

    static String running(String containerName, String image, String podIp, Instant startedAt) {
        PodStatus status = new PodStatusBuilder()
                .withPhase("Running")
                .withHostIP(HOST_IP)
                .withPodIP(podIp)
                .withPodIPs(new PodIP(podIp))
                .withStartTime(timestamp(startedAt))
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName(containerName)
                        .withImage(image)
                        .withReady(true)
                        .withStarted(true)
                        .withRestartCount(0)
                        .withNewState().withNewRunning().withStartedAt(timestamp(startedAt)).endRunning().endState()
                        .build())
                .build();
        return patch(status);
    }

    /** {@code Succeeded} for exit code 0, {@code Failed} otherwise, with the code in the container's state. */
    static String terminated(String containerName, String image, int exitCode, Instant startedAt, Instant finishedAt) {
        PodStatus status = new PodStatusBuilder()
                .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus("False").build())
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName(containerName)
                        .withImage(image)
                        .withReady(false)
                        .withStarted(false)
                        .withRestartCount(0)
                        .withNewState().withNewTerminated()
                        .withExitCode(exitCode)
                        .withReason(exitCode == 0 ? "Completed" : "Error")
                        .withStartedAt(timestamp(startedAt))
                        .withFinishedAt(timestamp(finishedAt))
                        .endTerminated().endState()
                        .build())
                .build();
        return patch(status);
    }

    /** A pod this fixture cannot run (see {@link ExecutorLaunch#forPod}): failed, with the reason as message. */
    static String rejected(String message) {
        return patch(new PodStatusBuilder().withPhase("Failed").withReason("LocalKubeletRejected").withMessage(message)
                .build());
    }

    private static String patch(PodStatus status) {
        return Serialization.asJson(Map.of("status", status));
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
