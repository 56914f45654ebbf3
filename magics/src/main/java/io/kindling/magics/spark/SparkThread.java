package io.kindling.magics.spark;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Starts and stops Spark on one thread of the kernel's own thread group. Interrupting a cell stops
 * every thread the cell started; if the cell thread created the SparkContext, Spark's scheduler and
 * RPC threads would be among them and an interrupt would break the cluster instead of the job.
 */
final class SparkThread implements AutoCloseable {
    private final ExecutorService executor;

    SparkThread(ThreadGroup group) {
        requireNonNull(group, "group is null");
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(group, task, "kindling-spark-lifecycle");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code work} on the Spark thread with {@code contextLoader} (the cell's, so Spark resolves
     * classes defined in cells) and waits for it. If the caller stops waiting (the cell was interrupted),
     * the work still completes and its result goes to {@code abandoned}, so nothing it started leaks.
     */
    <T> T call(ClassLoader contextLoader, Callable<T> work, Consumer<T> abandoned) {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().setContextClassLoader(contextLoader);
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, executor);
        boolean done = false;
        try {
            T value = result.join();
            done = true;
            return value;
        } catch (CompletionException e) {
            done = true;
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (!done) {
                result.thenAccept(abandoned);
            }
        }
    }

    /** Runs {@code work} on the Spark thread and waits; see {@link #call}. */
    void run(ClassLoader contextLoader, Runnable work) {
        call(contextLoader, () -> {
            work.run();
            return null;
        }, ignored -> { });
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
