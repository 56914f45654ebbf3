package io.kindling.kernel.protocol;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * IPython's {@code stop_on_error}: once a cell whose request asked for it fails or is interrupted, the
 * execute requests already queued behind it are answered {@code aborted} instead of run (Run All must
 * not go on with cells that read what the failed one should have written). The window closes when the
 * shell finds its queue empty, so a request sent after that runs normally.
 */
final class StopOnError {
    private final AtomicBoolean aborting = new AtomicBoolean();

    /** A cell failed; {@code stopOnError} and {@code silent} are its request's flags. */
    void cellFailed(boolean stopOnError, boolean silent) {
        // IPython: a silent request's failure never aborts what follows it.
        if (stopOnError && !silent) {
            aborting.set(true);
        }
    }

    /** Whether the next execute request is answered {@code aborted}. */
    boolean abortsNext() {
        return aborting.get();
    }

    /** The shell channel read every request that was waiting. */
    void queueDrained() {
        aborting.set(false);
    }
}
