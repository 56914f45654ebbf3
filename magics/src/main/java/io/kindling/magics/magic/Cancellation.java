package io.kindling.magics.magic;

/**
 * Tells a running magic that the user interrupted its cell. Magics register what cancels their
 * server-side work (e.g. {@code Statement::cancel}), so an interrupt stops the work, not just the wait.
 */
public interface Cancellation {

    boolean isCancelled();

    /**
     * Runs {@code action} once when the cell is interrupted (at once if it already was).
     *
     * @return closing it unregisters the action, for work that finished first
     */
    Registration onCancel(Runnable action);

    /** Undoes an {@link #onCancel} registration. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
