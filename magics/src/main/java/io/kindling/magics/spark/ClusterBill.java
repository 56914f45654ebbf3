package io.kindling.magics.spark;

import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * What a cluster cost and how much of it did work: the core-seconds it held (task slots × its
 * lifetime) against the core-seconds its tasks ran. A cluster used at 67% paid for a third of idle cores.
 * <pre>{@code
 * var cluster = Spark.kubernetes().executors(4).cores(2).start();
 * try (cluster) { cluster.session().range(10_000_000).selectExpr("sum(id)").show(); }
 * cluster.bill().utilization();   // e.g. 0.12
 * }</pre>
 *
 * @param clusterId    the cluster's id
 * @param executors    executors requested (the most, with dynamic allocation); 1 for local Spark
 * @param coresEach    task slots of each executor
 * @param lifetime     from the start request until every executor was released
 * @param busySeconds  core-seconds tasks ran (Spark's executor run time of every finished task)
 * @param tasks        tasks that finished, successfully or not
 */
public record ClusterBill(String clusterId, int executors, int coresEach, Duration lifetime, double busySeconds, long tasks) {
    public ClusterBill {
        requireNonNull(clusterId, "clusterId is null");
        requireNonNull(lifetime, "lifetime is null");
        if (executors < 1 || coresEach < 1 || lifetime.isNegative() || busySeconds < 0 || tasks < 0) {
            throw new IllegalArgumentException("a bill counts nothing negative and at least one core");
        }
    }

    /** Core-seconds held: executors × cores × seconds. */
    public double requestedSeconds() {
        return (double) executors * coresEach * lifetime.toMillis() / 1000.0;
    }

    /** Busy core-seconds over held core-seconds, from 0 to 1 (a task's run time can overlap the ends slightly). */
    public double utilization() {
        double requested = requestedSeconds();
        return requested <= 0 ? 0 : Math.min(1.0, busySeconds / requested);
    }

    /** E.g. {@code cluster 1a2b3c4d: 4 executors × 2 cores × 63.0 s = 504 core-s held, 338 core-s busy in 96 tasks: 67% used}. */
    public String oneLine() {
        return String.format(Locale.ROOT, "cluster %s: %d executor%s × %d core%s × %.1f s = %,.0f core-s held, "
                        + "%,.0f core-s busy in %,d task%s: %.0f%% used",
                clusterId, executors, executors == 1 ? "" : "s", coresEach, coresEach == 1 ? "" : "s",
                lifetime.toMillis() / 1000.0, requestedSeconds(), busySeconds, tasks, tasks == 1 ? "" : "s",
                utilization() * 100);
    }

    @Override
    public String toString() {
        return oneLine();
    }
}
