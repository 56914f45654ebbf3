package io.kindling.kernel;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Ends the kernel from any thread, even one that just failed to allocate: the threads that log, run the
 * shutdown hooks (which release Spark clusters) and, if those hang, halt the JVM exist from start-up
 * and wait, so asking for the exit needs no memory. A kernel must never stay up answering nothing.
 */
final class KernelExit {
    private final CountDownLatch asked = new CountDownLatch(1);
    private final AtomicReference<String> reason = new AtomicReference<>();
    private volatile int status;

    /**
     * @param log      where the reason goes; taken on the exit thread as it starts (creating the logging
     *                 takes a while, and an exit must not need memory), not by the caller
     * @param deadline how long the shutdown hooks may take before the JVM is halted
     */
    KernelExit(Supplier<Logger> log, Duration deadline) {
        requireNonNull(log, "log is null");
        requireNonNull(deadline, "deadline is null");
        daemon("kindling-exit", () -> {
            Logger logger = log.get();
            awaitAsked();
            try {
                logger.error("Kindling kernel exits: {}", reason.get());
            } catch (Throwable e) {
                // Exiting matters more than the log line.
            }
            System.exit(status);
        });
        daemon("kindling-exit-deadline", () -> {
            awaitAsked();
            try {
                Thread.sleep(deadline.toMillis());
            } catch (InterruptedException e) {
                // Halting now is what is left.
            }
            Runtime.getRuntime().halt(status);
        });
    }

    /** Starts the exit with {@code status}; returns at once. Only the first request's reason is kept. */
    void exit(int status, String why) {
        if (reason.compareAndSet(null, why)) {
            this.status = status;
            asked.countDown();
        }
    }

    private void awaitAsked() {
        while (true) {
            try {
                asked.await();
                return;
            } catch (InterruptedException e) {
                // Only an exit request ends the wait.
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
