package io.kindling.magics.fsql;

import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

import java.util.Set;

/**
 * Where a SELECT ends when no {@code ;} says so: at a line that starts another statement. The grammar
 * asks this for every token of a SELECT at parenthesis depth 0, so {@code FROM}, {@code WHERE} or
 * {@code UNION} at the start of a line continue the query, while these start a new statement:
 * <pre>
 * PRINT 10 ROWS                  -- a statement keyword first on its line
 * totals = SELECT ...            -- name = and a statement
 * SELECT ... or TABLE name       -- unless the line before ended with UNION, INTERSECT, EXCEPT, ALL or DISTINCT
 * </pre>
 */
final class FsqlBoundaries {
    /** Keywords that always start a statement when first on a line. */
    private static final Set<Integer> ALWAYS = Set.of(FsqlParser.PRINT, FsqlParser.YIELD, FsqlParser.LOAD, FsqlParser.SAVE,
            FsqlParser.TAKE, FsqlParser.SAMPLE, FsqlParser.FILL, FsqlParser.RENAME, FsqlParser.PERSIST, FsqlParser.BROADCAST,
            FsqlParser.CHECKPOINT, FsqlParser.OUTTRANSFORM, FsqlParser.ZIP);
    /** What may follow {@code name =} to make it an assignment. */
    private static final Set<Integer> ASSIGNABLE = Set.of(FsqlParser.SELECT, FsqlParser.WITH, FsqlParser.TABLE, FsqlParser.LOAD, FsqlParser.SAVE,
            FsqlParser.TAKE, FsqlParser.SAMPLE, FsqlParser.DROP, FsqlParser.FILL, FsqlParser.RENAME, FsqlParser.ALTER,
            FsqlParser.DISTINCT, FsqlParser.TRANSFORM, FsqlParser.LPAREN, FsqlParser.PERSIST, FsqlParser.BROADCAST,
            FsqlParser.CHECKPOINT, FsqlParser.ZIP,
            // These give no dataframe; taken as statements so the planner can say so.
            FsqlParser.PRINT, FsqlParser.YIELD, FsqlParser.OUTTRANSFORM);
    /** Tokens after which a SELECT on a new line is the second half of one query. */
    private static final Set<Integer> CONTINUES_QUERY = Set.of(FsqlParser.UNION, FsqlParser.INTERSECT, FsqlParser.EXCEPT,
            FsqlParser.MINUS_KW, FsqlParser.ALL, FsqlParser.DISTINCT, FsqlParser.SELECT, FsqlParser.AS, FsqlParser.LPAREN);

    /** Tokens that can be a name (the grammar's identifier rule). */
    private static final Set<Integer> NAMES = Set.of(FsqlParser.IDENT, FsqlParser.BACKQUOTED, FsqlParser.CSV, FsqlParser.JSON,
            FsqlParser.PARQUET, FsqlParser.TITLE, FsqlParser.SEED, FsqlParser.PARAMS, FsqlParser.PERCENT, FsqlParser.SINGLE,
            FsqlParser.REPLACE, FsqlParser.ANY, FsqlParser.ZIP, FsqlParser.INNER, FsqlParser.LEFT, FsqlParser.RIGHT, FsqlParser.FULL,
            FsqlParser.OUTER, FsqlParser.CROSS, FsqlParser.TABLE);

    private FsqlBoundaries() {
    }

    /** Whether a token of this type can be a name (the grammar's identifier rule). */
    static boolean isName(int type) {
        return NAMES.contains(type);
    }

    /** Whether {@code input}'s next token starts a statement (it is first on its line and opens one). */
    static boolean startsStatement(TokenStream input) {
        Token next = input.LT(1);
        Token previous = input.LT(-1);
        if (previous == null || next.getType() == Token.EOF) {
            return true;
        }
        if (next.getLine() <= endLine(previous)) {
            return false;
        }
        int type = next.getType();
        if (ALWAYS.contains(type)) {
            return true;
        }
        return switch (type) {
            case FsqlParser.DROP, FsqlParser.ALTER -> input.LT(2).getType() == FsqlParser.ROWS
                    || input.LT(2).getType() == FsqlParser.COLUMNS;
            // TRANSFORM(...) is also Spark's function over arrays and its script transform: those have a parenthesis next.
            case FsqlParser.TRANSFORM -> input.LT(2).getType() != FsqlParser.LPAREN;
            case FsqlParser.SELECT, FsqlParser.DISTINCT, FsqlParser.TABLE -> !CONTINUES_QUERY.contains(previous.getType()) && !endsCte(input);
            // GROUP BY a WITH ROLLUP; a CTE list is WITH name AS (...
            case FsqlParser.WITH -> !CONTINUES_QUERY.contains(previous.getType())
                    && !input.LT(2).getText().equalsIgnoreCase("ROLLUP") && !input.LT(2).getText().equalsIgnoreCase("CUBE");
            // name = <statement>; the name may also be one of the grammar's non-reserved keywords (percent = ...).
            default -> input.LT(2).getType() == FsqlParser.EQ && ASSIGNABLE.contains(input.LT(3).getType())
                    && NAMES.contains(type);
        };
    }

    /** Whether the previous token closes a CTE's {@code name AS (...)}, so a SELECT next is the CTE's main query. */
    private static boolean endsCte(TokenStream input) {
        if (input.LT(-1).getType() != FsqlParser.RPAREN) {
            return false;
        }
        int depth = 0;
        for (int k = 1; input.LT(-k) != null; k++) {
            int type = input.LT(-k).getType();
            if (type == FsqlParser.RPAREN) {
                depth++;
            } else if (type == FsqlParser.LPAREN && --depth == 0) {
                return input.LT(-k - 1) != null && input.LT(-k - 1).getType() == FsqlParser.AS;
            }
        }
        return false;
    }

    /** The line a token ends on (a string literal may span lines). */
    private static int endLine(Token token) {
        String text = token.getText();
        int lines = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return token.getLine() + lines;
    }
}
