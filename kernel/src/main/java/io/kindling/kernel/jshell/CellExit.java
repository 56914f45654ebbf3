package io.kindling.kernel.jshell;

/**
 * Stands in for {@code System.exit} in cell code (see {@link ExitCallRewriter}): a notebook's state is
 * worth more than the exit, so the cell fails with a message instead of the kernel dying.
 * Public because rewritten cell classes call it from JShell's class loader.
 */
public final class CellExit {
    private CellExit() {
    }

    public static void exit(int status) {
        throw new CellExitException(status);
    }

    public static void exit(Runtime runtime, int status) {
        throw new CellExitException(status);
    }

    public static void halt(Runtime runtime, int status) {
        throw new CellExitException(status);
    }

    /** Thrown into the cell that asked the kernel's JVM to exit. */
    public static final class CellExitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CellExitException(int status) {
            super("System.exit(" + status + ") was called from a cell. The kernel keeps running so your notebook's "
                    + "variables survive; use the frontend's 'Restart kernel' to start afresh.");
        }
    }
}
