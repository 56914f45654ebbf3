package io.kindling.magics.spark;

/**
 * What a notebook variable read turns into in the cell classes shipped to Spark executors.
 *
 * <p>JShell keeps a top-level variable such as {@code int scale = 3;} in a public static field of a
 * wrapper class, assigned only when the cell runs in the kernel. An executor loads the same class but
 * never runs the cell, so a lambda reading {@code scale} there would silently see {@code 0} (or
 * {@code null}) and compute a wrong result. The kernel therefore rewrites each such field read, in the
 * exported copy only, into a call to the method here for the field's type; every method fails with a
 * message that names the variable and says how to capture its value instead.
 *
 * <p>This class must be on the executors' class path; it lives in the magics jar, which has no kernel
 * dependencies.
 */
public final class ExecutorVariableAccess {
    private ExecutorVariableAccess() {
    }

    public static int readInt(String variable) {
        throw notVisible(variable);
    }

    public static long readLong(String variable) {
        throw notVisible(variable);
    }

    public static double readDouble(String variable) {
        throw notVisible(variable);
    }

    public static float readFloat(String variable) {
        throw notVisible(variable);
    }

    public static boolean readBoolean(String variable) {
        throw notVisible(variable);
    }

    public static byte readByte(String variable) {
        throw notVisible(variable);
    }

    public static short readShort(String variable) {
        throw notVisible(variable);
    }

    public static char readChar(String variable) {
        throw notVisible(variable);
    }

    /** For references and arrays; the rewritten code casts the (never returned) result to the field's type. */
    public static Object readObject(String variable) {
        throw notVisible(variable);
    }

    private static IllegalStateException notVisible(String variable) {
        return new IllegalStateException("notebook variable '" + variable + "' is not visible on Spark executors"
                + " (it lives only in the kernel); copy it into a local variable inside a block or method before"
                + " the lambda, e.g. { var s = " + variable + "; ds.map(x -> x * s) }, or pass it as an argument");
    }
}
