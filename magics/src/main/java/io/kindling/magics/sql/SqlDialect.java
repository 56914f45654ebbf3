package io.kindling.magics.sql;

import static java.util.Objects.requireNonNull;

/**
 * The lexical rules of one SQL engine that matter to Kindling: where string literals, quoted
 * identifiers and comments start and end (so a {@code ;} or a {@code {name}} inside them is left
 * alone), and how an identifier is quoted.
 * <pre>{@code
 * SqlDialect.TRINO.quoteIdentifier("odd\"name");   // "odd""name"
 * SqlDialect.SPARK.quoteIdentifier("odd`name");    // `odd``name`
 * }</pre>
 */
public enum SqlDialect {
    /**
     * Trino (and Presto): strings in {@code '...'} with {@code ''} for a quote and no backslash
     * escapes; identifiers in {@code "..."} with {@code ""}; {@code --} and {@code /* *}{@code /}
     * comments, which do not nest.
     */
    TRINO('"'),
    /**
     * Spark SQL, which also parses Kindling's Hive SQL: strings in {@code '...'} or {@code "..."} with
     * backslash escapes and doubled quotes, raw strings {@code r'...'} without escapes; identifiers in
     * backticks with {@code ``}; {@code --} comments (a backslash at the end of the line continues them)
     * and bracketed comments, which nest (as Spark 3+ parses them).
     */
    SPARK('`');

    private final char identifierQuote;

    SqlDialect(char identifierQuote) {
        this.identifierQuote = identifierQuote;
    }

    /** The character that opens and closes a quoted identifier. */
    public char identifierQuote() {
        return identifierQuote;
    }

    /**
     * {@code name} as a quoted identifier: the quote character inside it is doubled, so no value can
     * end the identifier early and continue as SQL.
     */
    public String quoteIdentifier(String name) {
        requireNonNull(name, "name is null");
        String quote = String.valueOf(identifierQuote);
        return quote + name.replace(quote, quote + quote) + quote;
    }
}
