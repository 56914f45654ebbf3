package io.kindling.magics.spark;

/** What closing a cluster must wait for once Spark itself has stopped, e.g. its pods to be gone. */
@FunctionalInterface
interface ClusterRelease {
    /** Nothing to wait for: local executors are threads of the kernel's JVM. */
    ClusterRelease NOTHING = () -> { };

    /** Returns once every resource of the cluster is gone; throws {@link ClusterException} if some remain. */
    void awaitReleased();
}
