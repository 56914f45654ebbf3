package io.kindling.magics.sql;

import io.kindling.magics.magic.SourceText;
import org.apache.spark.QueryContext;
import org.apache.spark.QueryContextType;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a Spark SQL failure says, read for a cell: the Spark error behind a wrapped failure, its message
 * without the condition prefix, SQLSTATE and plan dump, and the span of the sent SQL it points at (which
 * the caller maps back to the cell through its {@link BoundStatement}).
 * <pre>{@code
 * Throwable spark = SparkErrors.sparkCause(e).orElse(e);
 * String message = SparkErrors.readable(spark);                 // cannot resolve `nope` ...
 * Optional<SparkErrors.Span> at = SparkErrors.span(spark, bound.sql());
 * }</pre>
 */
public final class SparkErrors {
    private static final Pattern CONDITION_PREFIX = Pattern.compile("^\\[[A-Z_.]+] ");
    private static final Pattern SQLSTATE_TAIL = Pattern.compile("\\s*SQLSTATE: \\w+.*$");

    /** Offsets {@code [start, end)} in the sent SQL. */
    public record Span(int start, int end) {
    }

    private SparkErrors() {
    }

    /** The Spark error a failure carries: an analysis or parse error, else the innermost Spark error with a condition. */
    public static Optional<Throwable> sparkCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AnalysisException || t instanceof ParseException) {
                return Optional.of(t);
            }
            if (t instanceof SparkThrowable s && s.getCondition() != null && !(t.getCause() instanceof SparkThrowable)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The last cause in a failure's chain. */
    public static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Spark's message without the condition prefix, the SQLSTATE and the plan or SQL dump after it. */
    public static String readable(Throwable spark) {
        String text = spark instanceof AnalysisException analysis ? analysis.getSimpleMessage() : spark.getMessage();
        if (text == null) {
            return spark.getClass().getSimpleName();
        }
        String first = text.lines().findFirst().orElse("");
        first = CONDITION_PREFIX.matcher(first).replaceFirst("");
        return SQLSTATE_TAIL.matcher(first).replaceFirst("").strip();
    }

    /** The span of the sent {@code sql} that Spark's error points at, if it says. */
    public static Optional<Span> span(Throwable spark, String sql) {
        if (spark instanceof SparkThrowable throwable) {
            for (QueryContext context : throwable.getQueryContext()) {
                if (context.contextType() == QueryContextType.SQL && context.startIndex() >= 0) {
                    return Optional.of(new Span(chars(sql, context.startIndex()), chars(sql, context.stopIndex() + 1)));
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
            return Optional.of(new Span(offset, offset + 1));
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
}
