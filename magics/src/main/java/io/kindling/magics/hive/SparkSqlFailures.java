package io.kindling.magics.hive;

import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.sql.SparkErrors;
import io.kindling.magics.sql.SqlScript;
import org.apache.spark.SparkThrowable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Explains a failed Spark SQL statement in the cell's terms: Spark's error condition and message
 * without its plan dump, the cell line and a caret under what Spark points at, and for an unknown
 * table the catalog's close names.
 */
final class SparkSqlFailures {
    private SparkSqlFailures() {
    }

    /**
     * @param body       the cell's body, whose first line is cell line 2
     * @param statement  where the statement starts in the body
     * @param bound      what was sent, to map Spark's offsets back through {@code {name}} parameters
     * @param tableNames names a missing table may have meant, asked only for that error
     */
    static MagicError explain(Throwable failure, SourceText body, SqlScript.Statement statement, BoundStatement bound,
                              Function<String, Collection<String>> tableNames) {
        Throwable spark = SparkErrors.sparkCause(failure).orElse(failure);
        if (!(spark instanceof SparkThrowable throwable) || throwable.getCondition() == null) {
            Throwable root = SparkErrors.rootCause(failure);
            return new MagicError(ErrorName.SERVER_ERROR, "Spark failed: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("")), List.of(), failure);
        }
        String condition = throwable.getCondition();
        String message = SparkErrors.readable(spark);
        List<String> details = new ArrayList<>();
        Optional<SourcePosition> where = Optional.empty();
        Optional<SparkErrors.Span> span = SparkErrors.span(spark, bound.sql());
        if (span.isPresent()) {
            int start = statement.offset() + bound.writtenOffset(span.get().start());
            int end = statement.offset() + bound.writtenOffset(span.get().end());
            SourcePosition position = body.positionOf(start);
            where = Optional.of(position);
            message = position + ": " + message;
            String[] caret = body.caret(start, Math.max(start + 1, end));
            details.add(caret[0]);
            details.add(caret[1]);
        }
        if (condition.startsWith("TABLE_OR_VIEW_NOT_FOUND")) {
            String missing = throwable.getMessageParameters().getOrDefault("relationName", "").replace("`", "");
            String hint = CloseNames.hint(missing, tableNames.apply(missing), "");
            if (!hint.isEmpty()) {
                message = message + hint.replaceFirst("^ \\(", " (");
            }
        }
        details.add(condition);
        return MagicError.engine(condition, message, where, details, failure);
    }
}
