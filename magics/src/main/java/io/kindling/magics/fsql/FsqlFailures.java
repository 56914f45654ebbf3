package io.kindling.magics.fsql;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import org.apache.spark.QueryContext;
import org.apache.spark.QueryContextType;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Explains a failed statement in the cell's terms: which statement (its cell line), Spark's error
 * condition and message without its plan dump, a caret under what Spark points at in a SELECT, and
 * the SQL that was sent.
 */
final class FsqlFailures {
    private static final Pattern CONDITION_PREFIX = Pattern.compile("^\\[[A-Z_.]+] ");
    private static final Pattern SQLSTATE_TAIL = Pattern.compile("\\s*SQLSTATE: \\w+.*$");

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
        Throwable spark = sparkThrowable(failure);
        String condition = spark instanceof SparkThrowable t && t.getCondition() != null ? t.getCondition() : ErrorName.QUERY_FAILED.name();
        String message = readable(spark);
        SourcePosition where = body.positionOf(statement.start());
        List<String> details = new ArrayList<>();
        int start = statement.start();
        int end = Math.min(statement.end(), statement.start() + Math.max(1, body.line(where.line()).length() - where.column() + 1));
        if (sent.isPresent()) {
            Optional<int[]> span = span(spark, sent.get().sql());
            if (span.isPresent()) {
                start = sqlOffset + sent.get().writtenOffset(span.get()[0]);
                end = Math.max(start + 1, sqlOffset + sent.get().writtenOffset(span.get()[1]));
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

    /** Spark's message without the condition prefix, the SQLSTATE and the plan or SQL dump after it. */
    static String readable(Throwable spark) {
        String text = spark instanceof AnalysisException analysis ? analysis.getSimpleMessage() : spark.getMessage();
        if (text == null) {
            return spark.getClass().getSimpleName();
        }
        String first = text.lines().findFirst().orElse("");
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
            if (t instanceof AnalysisException || t instanceof ParseException) {
                return t;
            }
            if (t instanceof SparkThrowable s && s.getCondition() != null && !(t.getCause() instanceof SparkThrowable)) {
                return t;
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
