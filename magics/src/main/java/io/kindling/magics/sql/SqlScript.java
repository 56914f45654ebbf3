package io.kindling.magics.sql;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Splits a cell's SQL into statements at {@code ;}, ignoring semicolons inside string literals, quoted
 * identifiers and comments of the dialect, and remembers where each statement starts so errors can
 * point at cell lines.
 * <pre>{@code
 * SqlScript.split("SELECT ';';\nSELECT 2", SqlDialect.TRINO);
 * // [Statement[text=SELECT ';', offset=0], Statement[text=SELECT 2, offset=12]]
 * }</pre>
 */
public final class SqlScript {
    private SqlScript() {
    }

    /**
     * One statement, without its {@code ;} and surrounding whitespace.
     *
     * @param text   the statement as written
     * @param offset the offset of its first character in the text that was split
     */
    public record Statement(String text, int offset) {
        public Statement {
            requireNonNull(text, "text is null");
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative, got " + offset);
            }
        }
    }

    /** The statements of {@code body}; statements holding only whitespace and comments are dropped. */
    public static List<Statement> split(String body, SqlDialect dialect) {
        requireNonNull(body, "body is null");
        List<Statement> statements = new ArrayList<>();
        SqlScanner scanner = new SqlScanner(body, dialect);
        int start = 0;
        while (scanner.hasNext()) {
            int at = scanner.position();
            if (scanner.nextIsCode() && body.charAt(at) == ';') {
                add(statements, body, start, at, dialect);
                start = at + 1;
            }
            scanner.advance();
        }
        add(statements, body, start, body.length(), dialect);
        return List.copyOf(statements);
    }

    private static void add(List<Statement> statements, String body, int from, int to, SqlDialect dialect) {
        String text = body.substring(from, to);
        if (SqlScanner.hasCode(text, dialect)) {
            int lead = text.length() - text.stripLeading().length();
            statements.add(new Statement(text.strip(), from + lead));
        }
    }
}
