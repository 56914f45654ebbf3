package io.kindling.magics.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Counts what a cluster's tasks ran, from Spark's listener bus, for its {@link ClusterBill}. Spark
 * delivers events on its own thread, so the counters are atomic.
 */
final class ClusterUsage extends SparkListener {
    private final String clusterId;
    private final int executors;
    private final int coresEach;
    private final Clock clock;
    private final Instant started;
    private final AtomicLong runMillis = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();

    /** @param started when the cluster was asked for: the time to start executors is paid for too */
    ClusterUsage(String clusterId, int executors, int coresEach, Clock clock, Instant started) {
        this.clusterId = requireNonNull(clusterId, "clusterId is null");
        this.executors = executors;
        this.coresEach = coresEach;
        this.clock = requireNonNull(clock, "clock is null");
        this.started = requireNonNull(started, "started is null");
    }

    /** Starts counting the tasks of {@code context}. */
    ClusterUsage follow(SparkContext context) {
        context.addSparkListener(this);
        return this;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        tasks.incrementAndGet();
        if (taskEnd.taskMetrics() != null) {
            runMillis.addAndGet(taskEnd.taskMetrics().executorRunTime());
        }
    }

    /** The bill up to now; once the cluster is released, its final bill. */
    ClusterBill bill() {
        return new ClusterBill(clusterId, executors, coresEach, Duration.between(started, clock.instant()),
                runMillis.get() / 1000.0, tasks.get());
    }
}
