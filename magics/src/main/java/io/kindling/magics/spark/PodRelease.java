package io.kindling.magics.spark;

import io.kindling.magics.magic.ErrorName;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Makes sure, after Spark has stopped, that the API server shows no pod of the cluster, then deletes the
 * cluster's secret. Spark deletes its
 * executor pods on stop; whatever still carries the cluster's label then (a stop that failed half-way, a
 * pod Spark never knew of) is deleted here by label at once, and the release waits until none is left.
 * Runs on the kernel's own thread, with a client created there (see {@link SparkThread}).
 */
final class PodRelease implements ClusterRelease {
    private static final Duration POLL = Duration.ofMillis(100);

    private final ExecutorPods pods;
    private final ClusterSecret secret;
    private final KubernetesClient client;
    private final Duration grace;

    PodRelease(ExecutorPods pods, ClusterSecret secret, KubernetesClient client, Duration grace) {
        this.pods = requireNonNull(pods, "pods is null");
        this.secret = requireNonNull(secret, "secret is null");
        this.client = requireNonNull(client, "client is null");
        this.grace = requireNonNull(grace, "grace is null");
    }

    @Override
    public void awaitReleased() {
        try {
            // Spark's stop has returned, so nothing of the cluster is needed any more: waiting first for Spark's own
            // deletes would only delay an interrupted cell's reply by the grace period when one was missed.
            if (!pods.list().isEmpty()) {
                pods.deleteAll();
            }
            if (!awaitNone(grace)) {
                pods.deleteAll();
                if (!awaitNone(grace)) {
                    List<Pod> left = pods.list();
                    throw new ClusterException(ErrorName.PODS_NOT_RELEASED, left.size() + " executor pod(s) still exist "
                            + grace.multipliedBy(2).toSeconds() + " s after the cluster closed; delete them with kubectl delete pods -l "
                            + ExecutorPods.CLUSTER_ID, ExecutorPods.describe(left), null);
                }
            }
        } catch (KubernetesClientException e) {
            throw new ClusterException(ErrorName.PODS_NOT_RELEASED, "could not confirm that the executor pods are gone: " + e.getMessage(),
                    List.of(), e);
        } finally {
            try {
                // After the pods: an executor that still runs could not reconnect without it anyway.
                secret.delete(client, pods.namespace());
            } catch (KubernetesClientException e) {
                // Its labels let the next kernel's reaper find it; the pods were the part that costs.
            } finally {
                client.close();
            }
        }
    }

    private boolean awaitNone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (pods.list().isEmpty()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
