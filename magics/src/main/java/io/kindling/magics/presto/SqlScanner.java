package io.kindling.magics.presto;

/**
 * Walks SQL text one character at a time knowing whether each character is code or inside a string
 * literal, a quoted identifier or a comment. Shared by statement splitting and parameter binding so
 * both agree on what is SQL code.
 */
final class SqlScanner {
    private enum State { CODE, STRING, IDENTIFIER, LINE_COMMENT, BLOCK_COMMENT }

    private final String text;
    private int position;
    private State state = State.CODE;

    SqlScanner(String text) {
        this.text = text;
    }

    boolean hasNext() {
        return position < text.length();
    }

    int position() {
        return position;
    }

    /** Whether the character at the current position is SQL code (and not the start of a comment or quote). */
    boolean nextIsCode() {
        if (state != State.CODE) {
            return false;
        }
        char c = text.charAt(position);
        return c != '\'' && c != '"' && !startsWith("--") && !startsWith("/*");
    }

    /** Moves past the current character (or two-character comment delimiter), updating the state. */
    void advance() {
        char c = text.charAt(position);
        switch (state) {
            case CODE -> {
                if (c == '\'') {
                    state = State.STRING;
                } else if (c == '"') {
                    state = State.IDENTIFIER;
                } else if (startsWith("--")) {
                    state = State.LINE_COMMENT;
                    position++;
                } else if (startsWith("/*")) {
                    state = State.BLOCK_COMMENT;
                    position++;
                }
            }
            case STRING -> {
                if (c == '\'') {
                    if (startsWith("''")) {
                        position++;
                    } else {
                        state = State.CODE;
                    }
                }
            }
            case IDENTIFIER -> {
                if (c == '"') {
                    if (startsWith("\"\"")) {
                        position++;
                    } else {
                        state = State.CODE;
                    }
                }
            }
            case LINE_COMMENT -> {
                if (c == '\n') {
                    state = State.CODE;
                }
            }
            case BLOCK_COMMENT -> {
                if (startsWith("*/")) {
                    state = State.CODE;
                    position++;
                }
            }
        }
        position++;
    }

    private boolean startsWith(String token) {
        return text.startsWith(token, position);
    }

    /** Whether {@code sql} holds anything besides whitespace and comments. */
    static boolean hasCode(String sql) {
        SqlScanner scanner = new SqlScanner(sql);
        while (scanner.hasNext()) {
            if (scanner.state == State.CODE && !Character.isWhitespace(sql.charAt(scanner.position))
                    && !scanner.startsWith("--") && !scanner.startsWith("/*")) {
                return true;
            }
            scanner.advance();
        }
        return false;
    }
}
