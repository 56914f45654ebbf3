package io.kindling.magics.fsql;

import io.kindling.magics.magic.MagicUsageException;
import org.apache.spark.sql.SparkSession;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code %%fsql --engine local|cluster}: which session the cell runs on. Without the option it is the
 * notebook's (the open cluster, else local Spark); {@code local} insists on local Spark and {@code cluster} on
 * the open cluster, so a cell meant for either fails at once, naming the option, instead of running elsewhere.
 * <pre>
 * %%fsql --engine cluster
 * SELECT region, count(*) AS n FROM rides.events GROUP BY region
 * </pre>
 */
enum FsqlEngine {
    NOTEBOOK, LOCAL, CLUSTER;

    /** The engine {@code --engine} names, or the notebook's when it is absent. */
    static FsqlEngine of(Optional<String> option, String usage) {
        if (option.isEmpty()) {
            return NOTEBOOK;
        }
        return switch (option.get().strip().toLowerCase(Locale.ROOT)) {
            case "local" -> LOCAL;
            case "cluster" -> CLUSTER;
            default -> throw new MagicUsageException("--engine takes local or cluster, got '" + option.get() + "'", usage);
        };
    }

    SparkSession session(FsqlSessions sessions, String usage) {
        Optional<SparkSession> cluster = sessions.cluster();
        return switch (this) {
            case NOTEBOOK -> sessions.notebook();
            case LOCAL -> {
                // One SparkContext per JVM: with a cluster open, local Spark cannot run beside it.
                if (cluster.isPresent() && !cluster.get().sparkContext().isLocal()) {
                    throw new MagicUsageException("--engine local: a Spark cluster is open (" + cluster.get().sparkContext().master()
                            + ") and local Spark cannot run beside it in this kernel; close the cluster, or use --engine cluster", usage);
                }
                yield sessions.notebook();
            }
            case CLUSTER -> cluster.orElseThrow(() -> new MagicUsageException("--engine cluster: no Spark cluster is open; start one "
                    + "in a Java cell (try (var cluster = Spark.kubernetes().executors(4).start()) { ... } runs the cell's %%fsql "
                    + "inside the block), or drop --engine to run on local Spark", usage));
        };
    }
}
