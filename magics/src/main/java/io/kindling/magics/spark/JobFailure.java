package io.kindling.magics.spark;

import org.apache.spark.SparkException;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A Spark job that failed because one of its tasks threw, read from Spark's exception: what the task threw
 * (usually the user's own exception, e.g. {@code / by zero} in a lambda) and one line for where it ran.
 * Spark puts the task's error at the bottom of a long trace; a notebook wants it first.
 *
 * @param taskError what the task threw, when Spark could bring it back to the driver
 * @param taskErrorText the task's error as Spark wrote it ({@code java.lang.ArithmeticException: / by zero})
 * @param where     the task, stage, executor and how many attempts failed
 */
public record JobFailure(Optional<Throwable> taskError, String taskErrorText, String where) {
    private static final Pattern STAGE_FAILURE = Pattern.compile(
            "Job aborted due to stage failure: Task \\S+ in stage \\S+ failed (\\d+) times?, most recent failure: "
                    + "Lost task (\\S+) in stage (\\S+) \\(TID (\\d+)\\) \\((\\S+) executor ([^)]+)\\): ([^\\n]*)");
    /** Frames of Spark's and Scala's machinery and the threads that run tasks: folded in the notebook. */
    private static final List<String> MACHINERY = List.of("org.apache.spark.", "scala.", "java.util.concurrent.",
            "java.lang.Thread", "jdk.internal.reflect.", "java.lang.reflect.", "sun.reflect.");

    public JobFailure {
        requireNonNull(taskError, "taskError is null");
        requireNonNull(taskErrorText, "taskErrorText is null");
        requireNonNull(where, "where is null");
    }

    /** The job failure in {@code thrown}'s cause chain, if a task's error failed a job. */
    public static Optional<JobFailure> of(Throwable thrown) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SparkException && t.getMessage() != null) {
                Matcher failure = STAGE_FAILURE.matcher(t.getMessage());
                if (failure.find()) {
                    int attempts = Integer.parseInt(failure.group(1));
                    String where = "in Spark: task " + failure.group(2) + " in stage " + failure.group(3)
                            + " (TID " + failure.group(4) + ") on executor " + failure.group(6) + " (" + failure.group(5) + "), "
                            + attempts + (attempts == 1 ? " attempt" : " attempts") + " failed";
                    Throwable taskError = t.getCause() != null && !(t.getCause() instanceof SparkException) ? t.getCause() : null;
                    return Optional.of(new JobFailure(Optional.ofNullable(taskError), failure.group(7).strip(), where));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a frame is Spark's, Scala's or the task thread's machinery rather than code a user wrote. */
    public static boolean isMachinery(StackTraceElement frame) {
        return MACHINERY.stream().anyMatch(prefix -> frame.getClassName().startsWith(prefix));
    }
}
