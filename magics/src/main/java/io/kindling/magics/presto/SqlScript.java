package io.kindling.magics.presto;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell's SQL into statements at {@code ;}, ignoring semicolons inside string literals, quoted
 * identifiers and comments, and remembers where each statement starts so errors can point at cell lines.
 */
final class SqlScript {
    private SqlScript() {
    }

    /** One statement and the offset of its first character in the cell body. */
    record Statement(String text, int offset) {
    }

    static List<Statement> split(String body) {
        List<Statement> statements = new ArrayList<>();
        SqlScanner scanner = new SqlScanner(body);
        int start = 0;
        while (scanner.hasNext()) {
            int at = scanner.position();
            if (scanner.nextIsCode() && body.charAt(at) == ';') {
                add(statements, body, start, at);
                start = at + 1;
            }
            scanner.advance();
        }
        add(statements, body, start, body.length());
        return statements;
    }

    private static void add(List<Statement> statements, String body, int from, int to) {
        String text = body.substring(from, to);
        if (SqlScanner.hasCode(text)) {
            int lead = text.length() - text.stripLeading().length();
            statements.add(new Statement(text.strip(), from + lead));
        }
    }
}
