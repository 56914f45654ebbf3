package io.kindling.magics.hive;

import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.sql.SqlScript;
import org.apache.spark.QueryContext;
import org.apache.spark.QueryContextType;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.AnalysisException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Explains a failed Spark SQL statement in the cell's terms: Spark's error condition and message
 * without its plan dump, the cell line and a caret under what Spark points at, and for an unknown
 * table the catalog's close names.
 */
final class SparkSqlFailures {
    private static final Pattern CONDITION_PREFIX = Pattern.compile("^\\[[A-Z_.]+] ");
    private static final Pattern SQLSTATE_TAIL = Pattern.compile("\\s*SQLSTATE: \\w+.*$");

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
        Throwable spark = sparkThrowable(failure);
        if (!(spark instanceof SparkThrowable throwable) || throwable.getCondition() == null) {
            Throwable root = rootCause(failure);
            return new MagicError(ErrorName.SERVER_ERROR, "Spark failed: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage())), List.of(), failure);
        }
        String condition = throwable.getCondition();
        String message = readable(spark);
        List<String> details = new ArrayList<>();
        Optional<SourcePosition> where = Optional.empty();
        Optional<int[]> span = span(spark, bound.sql());
        if (span.isPresent()) {
            int start = statement.offset() + bound.writtenOffset(span.get()[0]);
            int end = statement.offset() + bound.writtenOffset(span.get()[1]);
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

    /** Spark's message without the condition prefix, the SQLSTATE and the plan or SQL dump after it. */
    private static String readable(Throwable spark) {
        String text = spark instanceof AnalysisException analysis ? analysis.getSimpleMessage() : spark.getMessage();
        String first = firstLine(text == null ? "" : text);
        first = CONDITION_PREFIX.matcher(first).replaceFirst("");
        return SQLSTATE_TAIL.matcher(first).replaceFirst("").strip();
    }

    /** The sent text's offsets [start, end) that Spark's error points at. */
    private static Optional<int[]> span(Throwable spark, String sql) {
        if (spark instanceof SparkThrowable throwable) {
            for (QueryContext context : throwable.getQueryContext()) {
                if (context.contextType() == QueryContextType.SQL && context.startIndex() >= 0) {
                    return Optional.of(new int[]{chars(sql, context.startIndex()), chars(sql, context.stopIndex() + 1)});
                }
            }
        }
        scala.Option<Object> line = spark instanceof ParseException parse ? parse.line()
                : spark instanceof AnalysisException analysis ? analysis.line() : scala.Option.empty();
        scala.Option<Object> column = spark instanceof ParseException parse ? parse.startPosition()
                : spark instanceof AnalysisException analysis ? analysis.startPosition() : scala.Option.empty();
        if (line.isDefined() && column.isDefined()) {
            int lineStart = new SourceText(sql, 1).offsetOf((Integer) line.get(), 1);
            int offset = chars(sql.substring(lineStart), (Integer) column.get()) + lineStart;
            return Optional.of(new int[]{offset, offset + 1});
        }
        return Optional.empty();
    }

    /** Spark (ANTLR) counts code points; Java strings count chars. */
    private static int chars(String text, int codePoints) {
        try {
            return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        } catch (IndexOutOfBoundsException e) {
            return Math.min(codePoints, text.length());
        }
    }

    private static Throwable sparkThrowable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SparkThrowable s && s.getCondition() != null && !(t.getCause() instanceof SparkThrowable)) {
                return t;
            }
            if (t instanceof AnalysisException || t instanceof ParseException) {
                return t;
            }
        }
        return failure;
    }

    static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
