package io.kindling.kernel;

/** Every environment variable the kernel reads, in one place. */
public final class Env {
    /** Extra JVM options for the kernel, read by the kernelspec's launch command. */
    public static final String JAVA_OPTS = "KINDLING_JAVA_OPTS";
    /** The most bytes one cell may print before output is cut (default 2 MiB); e.g. {@code 10m}. */
    public static final String MAX_CELL_OUTPUT = "KINDLING_MAX_CELL_OUTPUT";
    /** Extra start-up imports, separated by ';'. */
    public static final String STARTUP_IMPORTS = "KINDLING_IMPORTS";
    /** Rows a {@code %%presto} cell fetches at most without {@code --limit} (default 1,000,000). */
    public static final String PRESTO_MAX_ROWS = "KINDLING_PRESTO_MAX_ROWS";
    /** Where the kernel writes its log (default: the system temp directory). */
    public static final String LOG_DIR = "KINDLING_LOG_DIR";

    /** The Jupyter process that started the kernel (set by jupyter_client); the kernel ends when it dies. */
    public static final String PARENT_PID = "JPY_PARENT_PID";

    private Env() {
    }

    /** Parses sizes such as {@code 2097152}, {@code 512k}, {@code 2m}, {@code 1g}. */
    public static long parseSize(String name, String text) {
        String value = text.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        char last = value.isEmpty() ? ' ' : value.charAt(value.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
            value = value.substring(0, value.length() - 1);
        }
        try {
            long parsed = Long.parseLong(value) * unit;
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive size such as 2m or 512k, got '" + text + "'");
        }
    }
}
