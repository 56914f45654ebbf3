package io.kindling.magics.fsql;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.sql.SparkErrors;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.catalyst.parser.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Explains a failed statement in the cell's terms: which statement (its cell line), Spark's error
 * condition and message without its plan dump, a caret under what Spark points at in a SELECT, and
 * the SQL that was sent.
 */
final class FsqlFailures {
    private FsqlFailures() {
    }

    /**
     * @param statement the failed statement
     * @param number    its 1-based number in the cell
     * @param sent      the SQL sent for it, when it is a SELECT
     * @param sqlOffset where the SELECT starts in the body
     */
    static MagicError explain(Throwable failure, SourceText body, FsqlStatement statement, int number,
                              Optional<BoundStatement> sent, int sqlOffset) {
        if (failure instanceof MagicError error) {
            return error;
        }
        Throwable spark = SparkErrors.sparkCause(failure).orElseGet(() -> SparkErrors.rootCause(failure));
        String condition = spark instanceof SparkThrowable t && t.getCondition() != null ? t.getCondition() : ErrorName.QUERY_FAILED.name();
        String message = SparkErrors.readable(spark);
        SourcePosition where = body.positionOf(statement.start());
        List<String> details = new ArrayList<>();
        int start = statement.start();
        int end = Math.min(statement.end(), statement.start() + Math.max(1, body.line(where.line()).length() - where.column() + 1));
        if (sent.isPresent()) {
            Optional<SparkErrors.Span> span = SparkErrors.span(spark, sent.get().sql());
            if (span.isPresent()) {
                start = sqlOffset + sent.get().writtenOffset(span.get().start());
                end = Math.max(start + 1, sqlOffset + sent.get().writtenOffset(span.get().end()));
                where = body.positionOf(start);
            }
        }
        details.addAll(List.of(body.caret(start, end)));
        sent.ifPresent(s -> details.add("SQL sent to Spark: " + s.sql().replace("\n", "\n    ")
                + (s.parameters().isEmpty() ? "" : "  -- parameters: " + s.parameters())));
        details.add(condition);
        String verb = spark instanceof ParseException ? "does not parse" : "failed";
        String text = "statement " + number + " (" + where + ") " + verb + ": " + message;
        return MagicError.engine(condition, text, Optional.of(where), details, failure);
    }
}
