package io.kindling.magics.spark;

import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Starts and stops clusters on one thread of the kernel's own thread group. Interrupting a cell stops
 * every thread the cell started; a thread inherits its creator's group, so whatever a cell thread sets
 * up (Spark's scheduler and RPC threads, the Kubernetes client's event loops, which start lazily on the
 * first request) would die with the cell and break the cluster and its release instead of the job.
 * Everything that must outlive an interrupt is therefore created and driven from here.
 */
final class SparkThread implements AutoCloseable {
    /**
     * Classes whose static initializer starts a thread for the whole JVM. Initialized here, so that thread
     * is the kernel's: first used by a cell, Hadoop's statistics cleaner died at the cell's interrupt (and
     * logged a ThreadDeath on the kernel's standard output).
     */
    private static final List<String> JVM_WIDE_THREADS = List.of("org.apache.hadoop.fs.FileSystem$Statistics");

    /** How long an interrupted caller waits for the abandoned work's release; far beyond a release's own limits. */
    private static final long ABANDONED_WAIT_MINUTES = 3;

    private final ExecutorService executor;
    /** Set on the kernel thread: whether the caller of the work running now stopped waiting for it. */
    private final ThreadLocal<AtomicBoolean> callerGone = ThreadLocal.withInitial(AtomicBoolean::new);
    private volatile Thread thread;

    SparkThread(ThreadGroup group) {
        requireNonNull(group, "group is null");
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread created = new Thread(group, task, "kindling-spark-lifecycle");
            created.setDaemon(true);
            thread = created;
            return created;
        });
        executor.execute(SparkThread::startJvmWideThreads);
    }

    /**
     * Initializes Spark SQL's function registry here rather than in the first cell that plans a query: an
     * interrupt that stops a cell inside a class's static initializer breaks that class for the rest of the
     * JVM ({@code NoClassDefFoundError: Could not initialize class ...FunctionRegistry} in every later query).
     */
    static void initializeSql(SparkSession session) {
        session.sessionState().functionRegistry();
    }

    private static void startJvmWideThreads() {
        for (String name : JVM_WIDE_THREADS) {
            try {
                Class.forName(name, true, SparkThread.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // Not on the class path: nothing of it will start a thread either.
            }
        }
    }

    /**
     * Runs {@code work} on the kernel thread with {@code contextLoader} (the cell's, so Spark resolves
     * classes defined in cells) and waits for it. If the caller stops waiting (the cell was interrupted),
     * the work still completes and its result goes to {@code abandoned}, so nothing it started leaks; the
     * caller returns (its interrupt propagates) once that is done.
     * Called from the kernel thread itself (a start that closes what it started), the work runs in place.
     */
    <T> T call(ClassLoader contextLoader, Callable<T> work, Consumer<T> abandoned) {
        if (Thread.currentThread() == thread) {
            try {
                return inPlace(contextLoader, work);
            } catch (CompletionException e) {
                throw unwrapped(e);
            }
        }
        AtomicBoolean gone = new AtomicBoolean();
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
            callerGone.set(gone);
            try {
                return inPlace(contextLoader, work);
            } finally {
                callerGone.remove();
            }
        }, executor);
        boolean done = false;
        try {
            T value = result.join();
            done = true;
            return value;
        } catch (CompletionException e) {
            done = true;
            throw unwrapped(e);
        } finally {
            if (!done) {
                gone.set(true);
                CompletableFuture<Void> cleanedUp = result.handle((value, failure) -> {
                    if (failure == null) {
                        abandoned.accept(value);
                    }
                    return null;
                });
                // The caller is a cell being interrupted: its reply waits until what the work started is released
                // again (a start gives up at once), so no pod outlives the cell that made it.
                awaitQuietly(cleanedUp);
            }
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> cleanedUp) {
        awaitUninterruptibly(cleanedUp, ABANDONED_WAIT_MINUTES);
    }

    /**
     * Waits up to {@code minutes} for {@code done}, whatever interrupts this thread meanwhile, and keeps its
     * interrupt status for after. A cell being stopped is also interrupted by the JVM (so a blocked thread
     * wakes for its ThreadDeath): an interruptible wait would return at once and the cell would reply while
     * its pods still exist.
     */
    static void awaitUninterruptibly(java.util.concurrent.Future<?> done, long minutes) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    // The work goes on and releases what it started (or reports its own failure); waiting ends here.
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code work} on the kernel thread and waits; see {@link #call}. */
    void run(ClassLoader contextLoader, Runnable work) {
        call(contextLoader, () -> {
            work.run();
            return null;
        }, ignored -> { });
    }

    /**
     * On the kernel thread: whether whoever waits for the work in progress has given up (its cell was
     * interrupted), so long waits inside it (executors that do not come) can end early.
     */
    boolean callerGaveUp() {
        return Thread.currentThread() == thread && callerGone.get().get();
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    private static RuntimeException unwrapped(CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private static <T> T inPlace(ClassLoader contextLoader, Callable<T> work) {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(contextLoader);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        } finally {
            current.setContextClassLoader(previous);
        }
    }
}
