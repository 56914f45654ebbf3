package io.kindling.magics.hive;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code %%hive} cells' own session on each Spark context: a child of the notebook's session
 * that shares its catalog and cache but keeps the cells' {@code SET k=v} and {@code USE db} between
 * cells, as a Hive CLI session does, without changing what Java cells see.
 */
final class HiveSessions {
    private SparkContext context;
    private SparkSession session;

    synchronized SparkSession forCell(SparkSession root) {
        if (session == null || context != root.sparkContext() || root.sparkContext().isStopped()) {
            context = root.sparkContext();
            session = root.newSession();
        }
        return session;
    }
}
