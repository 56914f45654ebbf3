package io.kindling.magics.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * An amount of memory as Spark spells it ({@code 512m}, {@code 4g}, {@code 1t}), checked when the user
 * types it rather than when an executor JVM fails to start minutes later.
 *
 * @param mebibytes the size in MiB
 */
public record MemorySize(long mebibytes) {
    /** Spark refuses executors below 1.5 × its 300 MiB reserved memory. */
    public static final MemorySize SPARK_MINIMUM = new MemorySize(450);

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)b?");

    public MemorySize {
        if (mebibytes <= 0) {
            throw new IllegalArgumentException("memory must be positive, got " + mebibytes + " MiB");
        }
    }

    /**
     * Parses {@code 4g}, {@code 4G}, {@code 4gb}, {@code 512m}; a bare number means MiB, as in Spark.
     *
     * @param what names the setting in the error, e.g. {@code memory}
     */
    public static MemorySize parse(String what, String text) {
        requireNonNull(text, what + " is null");
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a memory size: use a number with k, m, g or t,"
                    + " e.g. 4g or 512m");
        }
        long number = Long.parseLong(m.group(1));
        long mib = switch (m.group(2)) {
            case "k" -> number / 1024;
            case "g" -> number * 1024;
            case "t" -> number * 1024 * 1024;
            default -> number;
        };
        if (mib <= 0) {
            throw new IllegalArgumentException(what + " '" + text + "' is less than 1 MiB");
        }
        return new MemorySize(mib);
    }

    /** Fails with a message naming {@code what} when this is below {@code minimum}. */
    public MemorySize atLeast(MemorySize minimum, String what) {
        if (mebibytes < minimum.mebibytes) {
            throw new IllegalArgumentException(what + " " + this + " is below Spark's minimum of " + minimum + " per executor");
        }
        return this;
    }

    /** Spark's own spelling, e.g. {@code 4g} or {@code 512m}. */
    @Override
    public String toString() {
        return mebibytes % 1024 == 0 ? (mebibytes / 1024) + "g" : mebibytes + "m";
    }
}
