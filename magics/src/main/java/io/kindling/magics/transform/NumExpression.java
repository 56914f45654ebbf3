package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The number of partitions as Fugue writes it: a whole number, or arithmetic ({@code + - * /} and
 * parentheses) over {@code ROWCOUNT} (rows of the input) and {@code CONCURRENCY} (task slots of the
 * engine). Checked when the option is made, evaluated when the engine knows both numbers; the result
 * is at least 1.
 * <pre>{@code
 * NumExpression.parse("ROWCOUNT/1000").evaluate(250_000, 8);   // 250
 * NumExpression.parse("CONCURRENCY*2").evaluate(0, 8);         // 16
 * }</pre>
 */
final class NumExpression implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String text;

    private NumExpression(String text) {
        this.text = text;
    }

    static NumExpression parse(String text) {
        NumExpression expression = new NumExpression(text);
        expression.evaluate(1, 1);
        return expression;
    }

    static NumExpression of(int partitions) {
        if (partitions < 1) {
            throw new MagicError(ErrorName.BAD_PARTITION_SPEC, "num(" + partitions + "): a partitioning needs at least 1 partition");
        }
        return new NumExpression(Integer.toString(partitions));
    }

    /** Whether evaluating needs the input's row count (a Spark job of its own). */
    boolean needsRowCount() {
        return text.toUpperCase(Locale.ROOT).contains("ROWCOUNT");
    }

    int evaluate(long rowCount, int concurrency) {
        Evaluation evaluation = new Evaluation(rowCount, concurrency);
        long value = evaluation.sum();
        evaluation.skipSpaces();
        if (evaluation.at < text.length()) {
            throw evaluation.error("expected an operator");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, value));
    }

    @Override
    public String toString() {
        return text;
    }

    /** One left-to-right pass with the usual precedence. */
    private final class Evaluation {
        private final long rowCount;
        private final int concurrency;
        private int at;

        Evaluation(long rowCount, int concurrency) {
            this.rowCount = rowCount;
            this.concurrency = concurrency;
        }

        long sum() {
            long value = product();
            while (true) {
                skipSpaces();
                if (accept('+')) {
                    value += product();
                } else if (accept('-')) {
                    value -= product();
                } else {
                    return value;
                }
            }
        }

        long product() {
            long value = term();
            while (true) {
                skipSpaces();
                if (accept('*')) {
                    value *= term();
                } else if (accept('/')) {
                    int position = at;
                    long divisor = term();
                    if (divisor == 0) {
                        at = position;
                        throw error("division by zero");
                    }
                    value /= divisor;
                } else {
                    return value;
                }
            }
        }

        long term() {
            skipSpaces();
            if (accept('(')) {
                long value = sum();
                skipSpaces();
                if (!accept(')')) {
                    throw error("expected ')'");
                }
                return value;
            }
            int start = at;
            while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
                at++;
            }
            String word = text.substring(start, at).toUpperCase(Locale.ROOT);
            if (word.equals("ROWCOUNT")) {
                return rowCount;
            }
            if (word.equals("CONCURRENCY")) {
                return concurrency;
            }
            if (!word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(word);
            }
            at = start;
            throw error("expected a number, ROWCOUNT or CONCURRENCY");
        }

        boolean accept(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        MagicError error(String message) {
            return new MagicError(ErrorName.BAD_PARTITION_SPEC, "num(\"" + text + "\") at position " + (at + 1) + ": " + message,
                    List.of("  " + text, "  " + " ".repeat(at) + "^"), null);
        }
    }
}
