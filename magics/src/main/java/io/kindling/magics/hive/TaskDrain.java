package io.kindling.magics.hive;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Waits for the tasks of a cancelled job to end. Cancelling returns at once, while its tasks stop when they next
 * notice: one still writing recreates the directories a cleanup just deleted, so the cleanup runs again after.
 */
final class TaskDrain {
    private TaskDrain() {
    }

    /** Returns when no task runs on {@code spark}'s executors, or after {@code longest}. */
    static void await(SparkContext spark, Duration longest) {
        requireNonNull(spark, "spark is null");
        long deadline = System.nanoTime() + longest.toNanos();
        // The cell's interrupt is usually why the job was cancelled: wait anyway, and give the flag back after.
        boolean interrupted = Thread.interrupted();
        try {
            while (running(spark) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException again) {
            interrupted = true;    // interrupted once more while waiting: stop waiting
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int running(SparkContext spark) {
        int tasks = 0;
        for (SparkExecutorInfo executor : spark.statusTracker().getExecutorInfos()) {
            tasks += executor.numRunningTasks();
        }
        return tasks;
    }
}
