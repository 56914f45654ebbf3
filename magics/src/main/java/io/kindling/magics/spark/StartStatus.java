package io.kindling.magics.spark;

import java.util.Locale;
import java.util.function.IntSupplier;

import static java.util.Objects.requireNonNull;

/**
 * A sign of life while Spark starts (local Spark takes seconds, a Kubernetes cluster a minute): a line in
 * the cell, updated every second from a kernel thread, with what is starting, the executors registered so
 * far and the time spent; the first job's progress replaces it.
 */
final class StartStatus implements AutoCloseable {
    private static final long TICK_MILLIS = 1_000;

    private final JobProgress progress;
    private final String what;
    private final int requested;
    private final IntSupplier registered;
    private final long startNanos = System.nanoTime();
    private final Thread ticker;
    private volatile boolean ended;

    /**
     * @param what       what starts, e.g. {@code local Spark}
     * @param requested  executors asked for; 0 when Spark runs in the kernel
     * @param registered how many have registered so far
     * @param threads    the kernel's threads, out of reach of the cell's interrupt
     */
    private StartStatus(JobProgress progress, String what, int requested, IntSupplier registered, ThreadGroup threads) {
        this.progress = requireNonNull(progress, "progress is null");
        this.what = requireNonNull(what, "what is null");
        this.requested = requested;
        this.registered = requireNonNull(registered, "registered is null");
        this.ticker = new Thread(requireNonNull(threads, "threads is null"), this::tick, "kindling-spark-start-status");
        this.ticker.setDaemon(true);
    }

    static StartStatus start(JobProgress progress, String what, int requested, IntSupplier registered, ThreadGroup threads) {
        StartStatus status = new StartStatus(progress, what, requested, registered, threads);
        status.progress.status(status.line());
        status.ticker.start();
        return status;
    }

    private void tick() {
        while (!ended) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!ended) {
                progress.status(line());
            }
        }
    }

    String line() {
        String executors = requested == 0 ? "" : String.format(Locale.ROOT, ": %d of %d executors registered",
                safeRegistered(), requested);
        return String.format(Locale.ROOT, "starting %s%s · %.0f s", what, executors, seconds());
    }

    private int safeRegistered() {
        try {
            return registered.getAsInt();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Spark started: the line says so, until a job replaces it. */
    void started() {
        stop();
        progress.status(String.format(Locale.ROOT, "%s started in %.1f s", what, seconds()));
    }

    /** Ends the ticker and waits for it, so that no late tick overwrites the line that follows. */
    private void stop() {
        ended = true;
        ticker.interrupt();
        try {
            ticker.join(TICK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Without {@link #started()}, the start failed: the cell's error says why, so the line goes. */
    @Override
    public void close() {
        if (!ended) {
            stop();
            progress.status(null);
        }
    }
}
