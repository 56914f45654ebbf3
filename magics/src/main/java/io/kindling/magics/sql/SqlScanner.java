package io.kindling.magics.sql;

import static java.util.Objects.requireNonNull;

/**
 * Walks SQL text one character at a time knowing whether each character is code or inside a string
 * literal, a quoted identifier or a comment, by the rules of a {@link SqlDialect}. Statement splitting
 * and parameter binding both use it, so they agree on what is SQL code.
 * <pre>{@code
 * SqlScanner scanner = new SqlScanner("SELECT ';' -- ;", SqlDialect.TRINO);
 * while (scanner.hasNext()) {
 *     boolean code = scanner.nextIsCode();   // true only for the characters of SELECT and the space
 *     scanner.advance();
 * }
 * }</pre>
 */
public final class SqlScanner {
    private enum State { CODE, STRING, RAW_STRING, IDENTIFIER, LINE_COMMENT, BLOCK_COMMENT }

    private final String text;
    private final SqlDialect dialect;
    private int position;
    private State state = State.CODE;
    /** The quote that ends the current string or identifier. */
    private char closing;
    /** How many bracketed comments are open; more than one only where comments nest (Spark). */
    private int depth;

    public SqlScanner(String text, SqlDialect dialect) {
        this.text = requireNonNull(text, "text is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    public boolean hasNext() {
        return position < text.length();
    }

    /** The offset of the next character. */
    public int position() {
        return position;
    }

    /** Whether the next character is SQL code (and not the start of a comment, string or quoted identifier). */
    public boolean nextIsCode() {
        return state == State.CODE && !opensQuoteOrComment();
    }

    /**
     * Moves past the next character, or past a delimiter or escape that is one unit with it (a
     * {@code --}, a doubled quote, a backslash escape), updating the state.
     */
    public void advance() {
        char c = text.charAt(position);
        switch (state) {
            case CODE -> enter(c);
            case STRING -> {
                if (dialect == SqlDialect.SPARK && c == '\\') {
                    position = Math.min(text.length() - 1, position + 1);     // the escaped character is data
                } else if (c == closing) {
                    closeQuote();
                }
            }
            case RAW_STRING -> {
                if (c == closing) {
                    state = State.CODE;
                }
            }
            case IDENTIFIER -> {
                if (c == closing) {
                    closeQuote();
                }
            }
            case LINE_COMMENT -> {
                if (dialect == SqlDialect.SPARK && startsWith("\\\n")) {
                    position++;                  // Spark's lexer lets a backslash continue the comment
                } else if (c == '\n') {
                    state = State.CODE;
                }
            }
            case BLOCK_COMMENT -> {
                if (startsWith("*/")) {
                    position++;
                    if (--depth == 0) {
                        state = State.CODE;
                    }
                } else if (dialect == SqlDialect.SPARK && startsWith("/*")) {
                    position++;
                    depth++;
                }
            }
        }
        position++;
    }

    private void enter(char c) {
        if (c == '\'' || (c == '"' && dialect == SqlDialect.SPARK)) {
            state = State.STRING;
            closing = c;
        } else if (c == dialect.identifierQuote()) {
            state = State.IDENTIFIER;
            closing = c;
        } else if (opensRawString()) {
            state = State.RAW_STRING;
            closing = text.charAt(position + 1);
            position++;
        } else if (startsWith("--")) {
            state = State.LINE_COMMENT;
            position++;
        } else if (startsWith("/*")) {
            state = State.BLOCK_COMMENT;
            depth = 1;
            position++;
        }
    }

    /** A doubled quote stands for itself; a single one ends the string or identifier. */
    private void closeQuote() {
        if (position + 1 < text.length() && text.charAt(position + 1) == closing) {
            position++;
        } else {
            state = State.CODE;
        }
    }

    private boolean opensQuoteOrComment() {
        char c = text.charAt(position);
        return c == '\'' || c == '"' || c == dialect.identifierQuote()
                || startsWith("--") || startsWith("/*") || opensRawString();
    }

    /** Spark's {@code r'...'} / {@code R"..."}, unless the r ends a longer word such as {@code bar'}. */
    private boolean opensRawString() {
        if (dialect != SqlDialect.SPARK || position + 1 >= text.length()) {
            return false;
        }
        char c = text.charAt(position);
        char quote = text.charAt(position + 1);
        boolean afterWord = position > 0
                && (Character.isLetterOrDigit(text.charAt(position - 1)) || text.charAt(position - 1) == '_');
        return (c == 'r' || c == 'R') && (quote == '\'' || quote == '"') && !afterWord;
    }

    private boolean startsWith(String token) {
        return text.startsWith(token, position);
    }

    /** Whether {@code sql} holds anything besides whitespace and comments. */
    public static boolean hasCode(String sql, SqlDialect dialect) {
        SqlScanner scanner = new SqlScanner(sql, dialect);
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
