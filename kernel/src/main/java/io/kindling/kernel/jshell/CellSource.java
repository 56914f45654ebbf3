package io.kindling.kernel.jshell;

import io.kindling.magics.magic.SourceText;

import static java.util.Objects.requireNonNull;

/**
 * A cell's text and number, so errors can name the cell line and draw a caret under it.
 *
 * @param text           the whole cell
 * @param executionCount the cell's number, {@code [n]} in the frontend
 */
public record CellSource(String text, int executionCount) {

    public CellSource {
        requireNonNull(text, "text is null");
    }

    private SourceText lines() {
        return new SourceText(text, 1);
    }

    /** 1-based line of a character offset. */
    public int lineOf(int offset) {
        return lines().lineOf(offset);
    }

    /** 1-based column of a character offset. */
    public int columnOf(int offset) {
        return lines().columnOf(offset);
    }

    /** The line holding {@code start} and a caret line under {@code start..end}. */
    public String[] caret(int start, int end) {
        return lines().caret(start, end);
    }
}
