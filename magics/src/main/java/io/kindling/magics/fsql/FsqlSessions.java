package io.kindling.magics.fsql;

import org.apache.spark.sql.SparkSession;

import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The Spark sessions a {@code %%fsql} cell can run on, handed in at wiring so this package starts no cluster:
 * the notebook's (the open cluster's, else local Spark) and the open cluster's, if one is open.
 * <pre>{@code
 * FsqlSessions sessions = FsqlSessions.of(spark::session, () -> spark.active().map(SparkCluster::session));
 * FsqlSessions localOnly = FsqlSessions.of(() -> localSpark, Optional::empty);
 * }</pre>
 */
public interface FsqlSessions {
    /** The session a cell without {@code --engine} runs on: the open cluster's, else local Spark (started on first use). */
    SparkSession notebook();

    /** The open cluster's session, without starting anything. */
    Optional<SparkSession> cluster();

    static FsqlSessions of(Supplier<SparkSession> notebook, Supplier<Optional<SparkSession>> cluster) {
        requireNonNull(notebook, "notebook is null");
        requireNonNull(cluster, "cluster is null");
        return new FsqlSessions() {
            @Override
            public SparkSession notebook() {
                return notebook.get();
            }

            @Override
            public Optional<SparkSession> cluster() {
                return cluster.get();
            }
        };
    }
}
