package io.kindling.magics.transform;

import org.dflib.DataFrame;

import static java.util.Objects.requireNonNull;

/**
 * What a call with {@code onError(collectFailures())} returns: the output of the groups that
 * succeeded, and one row per failed group (its key columns, {@code key}, {@code exception},
 * {@code message}, {@code first_row}). Re-running only the failed groups is the same call with
 * {@code onlyGroups(outcome)}.
 * <pre>{@code
 * TransformOutcome run = transform(rides, Ride.class, Prediction.class, rs -> predict(rs), partitionBy("region"),
 *         onError(collectFailures()));
 * run.failures();                       // region | key | exception | message | first_row
 * DataFrame retried = transform(rides, Ride.class, Prediction.class, rs -> predict(rs), partitionBy("region"),
 *         onlyGroups(run));
 * }</pre>
 *
 * @param output   a DFLib DataFrame (local engine, or asLocal), a Spark Dataset, or a ParquetTable (saveTo)
 * @param failures the failed groups, empty when none failed
 */
public record TransformOutcome(Object output, DataFrame failures) {
    public TransformOutcome {
        requireNonNull(output, "output is null");
        requireNonNull(failures, "failures is null");
    }

    /** The output as the type the caller expects it to be, e.g. {@code DataFrame out = outcome.result();}. */
    @SuppressWarnings("unchecked")
    public <T> T result() {
        return (T) output;
    }

    /** Whether every group succeeded. */
    public boolean succeeded() {
        return failures.height() == 0;
    }

    @Override
    public String toString() {
        return (succeeded() ? "every group succeeded" : failures.height() + " group(s) failed") + "; output: " + output
                + (succeeded() ? "" : "\nfailures:\n" + failures);
    }
}
