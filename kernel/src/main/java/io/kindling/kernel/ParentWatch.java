package io.kindling.kernel;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Ends the kernel when the Jupyter process that started it dies without asking it to shut down (a
 * killed notebook server), as IPython's parent poller does: an orphaned kernel would otherwise keep
 * its JVM, and any Spark cluster it holds, forever. Shutdown hooks still release the cluster.
 *
 * <p>It polls from a thread of its own rather than waiting on {@link ProcessHandle#onExit()}: that
 * runs on a shared pool whose threads die with the rest when a cell fills the heap, and a poll of a
 * process's liveness allocates nothing.
 */
final class ParentWatch {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ProcessHandle parent;

    private ParentWatch(ProcessHandle parent) {
        this.parent = requireNonNull(parent, "parent is null");
    }

    /** The process to watch: {@link Env#PARENT_PID} if set, else this process's parent. */
    static Optional<ParentWatch> forThisProcess(Optional<String> parentPid) {
        Optional<ProcessHandle> parent = parentPid.flatMap(ParentWatch::pid).flatMap(ProcessHandle::of)
                .or(() -> ProcessHandle.current().parent());
        // pid 1 means we already were orphaned (or run in a container as its child): nothing to watch.
        return parent.filter(p -> p.pid() != 1).map(ParentWatch::new);
    }

    /** Runs {@code onDeath} once, on the watch's own daemon thread, after the parent has exited. */
    void onDeath(Runnable onDeath) {
        requireNonNull(onDeath, "onDeath is null");
        Thread watch = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            onDeath.run();
        }, "kindling-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static Optional<Long> pid(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
