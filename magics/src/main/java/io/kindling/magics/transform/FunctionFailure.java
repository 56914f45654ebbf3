package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The user's function threw on one group. Says which group (its key), the group's first row, and
 * what was thrown; its stack trace is the user's own frames only (a cell's lambda and the methods it
 * called, not Spark's or ours), so the kernel shows them as {@code cell [n] line m}. Serializable:
 * it travels from an executor to the driver as a task failure.
 */
public final class FunctionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_ROW_TEXT = 300;
    private static final List<String> NOT_USER = List.of("java.", "jdk.", "sun.", "scala.", "org.apache.spark.");

    static final String HEADLINE = ErrorName.FUNCTION_FAILED + ": the function failed on group ";

    private final String group;
    private final String firstRow;
    private final String exception;
    private final String reason;

    FunctionFailure(String group, String firstRow, Throwable thrown) {
        this(group, firstRow, thrown.getClass().getName(), thrown.getMessage() == null ? "" : thrown.getMessage(), userFrames(thrown));
    }

    FunctionFailure(String group, String firstRow, String exception, String reason, StackTraceElement[] frames) {
        super(HEADLINE + group + " (first row: " + firstRow + "): " + exception + (reason.isEmpty() ? "" : ": " + reason));
        this.group = group;
        this.firstRow = firstRow;
        this.exception = exception;
        this.reason = reason;
        setStackTrace(frames);
    }

    /** e.g. {@code region=north}, or {@code partition 3} when the call is per partition. */
    public String group() {
        return group;
    }

    public String firstRow() {
        return firstRow;
    }

    /** The class name of what the function threw. */
    public String exception() {
        return exception;
    }

    /** The message of what the function threw (empty when it had none). */
    public String reason() {
        return reason;
    }

    /** The frames above the engine's call of the function, minus the JDK's (streams, reflection) and Spark's. */
    static StackTraceElement[] userFrames(Throwable thrown) {
        List<StackTraceElement> frames = new ArrayList<>();
        for (StackTraceElement frame : thrown.getStackTrace()) {
            // The engine calls the function through Transforms' adapter lambdas: everything below is ours and Spark's.
            if (frame.getClassName().equals(Transforms.class.getName()) || frame.getClassName().equals(GroupCall.class.getName())) {
                break;
            }
            if (NOT_USER.stream().noneMatch(p -> frame.getClassName().startsWith(p))) {
                frames.add(frame);
            }
        }
        return frames.toArray(StackTraceElement[]::new);
    }

    /** {@code name=value, ...} of a row, cut short when long. */
    static String describe(Row row, StructType schema, int[] columns) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(schema.fields()[columns[i]].name()).append('=').append(row.get(columns[i]));
            if (text.length() > MAX_ROW_TEXT) {
                return text.substring(0, MAX_ROW_TEXT) + "...";
            }
        }
        return text.toString();
    }
}
