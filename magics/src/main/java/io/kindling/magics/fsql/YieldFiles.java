package io.kindling.magics.fsql;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.ResultLocations;
import org.apache.spark.sql.SparkSession;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where {@code YIELD FILE} writes its Parquet files. On local Spark the kernel itself writes them, into its own
 * directory, deleted at exit. On a Kubernetes cluster the executors write them, and they cannot reach the
 * kernel's disk: the files go under a base they can write, the {@link ClusterOutputs}'.
 * <pre>{@code
 * YieldFiles files = new YieldFiles(Path.of("/tmp/kindling-fsql-output"), ClusterOutputs.NONE);
 * URI location = files.fresh("per_snapshot", 7, spark);   // file:///tmp/kindling-fsql-output/per_snapshot-cell7-1a2b3c4d
 * }</pre>
 */
public final class YieldFiles {
    private final Path local;
    private final ClusterOutputs cluster;

    /**
     * @param local   the kernel's directory for results, deleted at exit
     * @param cluster where executors of a Kubernetes cluster write
     */
    public YieldFiles(Path local, ClusterOutputs cluster) {
        this.local = requireNonNull(local, "local is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    /** Whether this session's executors run on Kubernetes, away from the kernel's disk. */
    static boolean onKubernetes(SparkSession session) {
        return session.sparkContext().master().startsWith("k8s://");
    }

    /** Why {@code session} cannot yield files, or empty when it can; asked before anything of the cell runs. */
    Optional<String> unwritable(SparkSession session) {
        if (!onKubernetes(session) || cluster.base().isPresent()) {
            return Optional.empty();
        }
        return Optional.of("YIELD FILE on a Kubernetes cluster is written by its executors, which cannot reach this machine's disk; "
                + cluster.howToConfigure() + ", or YIELD DATAFRAME to keep the result on the cluster");
    }

    /** A fresh location for the result bound as {@code name} by cell {@code cell}, deleted when the kernel ends. */
    URI fresh(String name, int cell, SparkSession session) {
        if (!onKubernetes(session)) {
            return ResultLocations.fresh(local.toUri(), name, cell);
        }
        // Checked before the cell ran; the profile may have changed since.
        URI base = cluster.base().orElseThrow(() -> new MagicError(ErrorName.OUTPUT_UNWRITABLE, unwritable(session).orElseThrow()));
        URI location = ResultLocations.fresh(base, name, cell);
        cluster.deleteAtShutdown(location, session);
        return location;
    }
}
