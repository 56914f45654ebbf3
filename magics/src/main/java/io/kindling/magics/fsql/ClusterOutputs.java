package io.kindling.magics.fsql;

import org.apache.spark.sql.SparkSession;

import java.net.URI;
import java.util.Optional;

/**
 * A place the executors of a Kubernetes cluster can write results to (a shared file system, or a mount they share
 * with the kernel), and its cleanup. The kernel configures it where {@code %%hive} results of clusters go.
 * <pre>{@code
 * ClusterOutputs shared = ClusterOutputs.NONE;     // no such place: YIELD FILE on a cluster is refused up front
 * }</pre>
 */
public interface ClusterOutputs {
    /** Nowhere: results of cluster executors cannot be yielded as files. */
    ClusterOutputs NONE = new ClusterOutputs() {
        @Override
        public Optional<URI> base() {
            return Optional.empty();
        }

        @Override
        public String howToConfigure() {
            return "SAVE the result to a shared file system (s3a://, hdfs://)";
        }

        @Override
        public void deleteAtShutdown(URI location, SparkSession session) {
        }
    };

    /** The base under which results go, or empty when none is configured. */
    Optional<URI> base();

    /** What the user sets to give {@link #base()} a value, e.g. a profile key. */
    String howToConfigure();

    /** Deletes {@code location}, written through {@code session}, when the kernel shuts down. */
    void deleteAtShutdown(URI location, SparkSession session);
}
