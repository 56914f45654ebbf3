package io.kindling.magics.spark;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Deletes executor pods and cluster secrets left by a kernel of this user on this host that died without closing its
 * cluster ({@code kill -9}, a crash, a machine that slept through it). Pods of live kernels, of
 * other users and of other hosts are never touched.
 */
final class OrphanPodReaper {
    private final KernelIdentity self;

    OrphanPodReaper(KernelIdentity self) {
        this.self = requireNonNull(self, "self is null");
    }

    /** @return the kernel ids whose pods were deleted */
    Set<String> reap(KubernetesClient client, String namespace) {
        Set<String> deadKernels = new TreeSet<>();
        for (Pod pod : client.pods().inNamespace(namespace)
                .withLabel(KernelIdentity.USER, self.user()).withLabel(KernelIdentity.HOST, self.host()).list().getItems()) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (labels != null && labels.containsKey(KernelIdentity.KERNEL_ID) && self.ownerIsDead(labels)) {
                deadKernels.add(labels.get(KernelIdentity.KERNEL_ID));
            }
        }
        // A kernel killed after Spark deleted its pods may still have left its clusters' secrets.
        for (Secret secret : client.secrets().inNamespace(namespace)
                .withLabel(KernelIdentity.USER, self.user()).withLabel(KernelIdentity.HOST, self.host()).list().getItems()) {
            Map<String, String> labels = secret.getMetadata().getLabels();
            if (labels != null && labels.containsKey(KernelIdentity.KERNEL_ID) && self.ownerIsDead(labels)) {
                deadKernels.add(labels.get(KernelIdentity.KERNEL_ID));
            }
        }
        for (String kernelId : deadKernels) {
            client.pods().inNamespace(namespace).withLabel(KernelIdentity.KERNEL_ID, kernelId).delete();
            client.secrets().inNamespace(namespace).withLabel(KernelIdentity.KERNEL_ID, kernelId).delete();
        }
        return deadKernels;
    }
}
