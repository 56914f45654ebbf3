package io.kindling.kernel.jshell;

import static java.util.Objects.requireNonNull;

/**
 * A cell's text with line arithmetic, so errors can name the cell line and draw a caret under it.
 *
 * @param text           the whole cell
 * @param executionCount the cell's number, {@code [n]} in the frontend
 */
public record CellSource(String text, int executionCount) {

    public CellSource {
        requireNonNull(text, "text is null");
    }

    /** 1-based line of a character offset. */
    public int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of a character offset. */
    public int columnOf(int offset) {
        int clamped = Math.min(offset, text.length());
        return clamped - text.lastIndexOf('\n', clamped - 1);
    }

    /** The line's text without its newline. */
    public String line(int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    /**
     * The line holding {@code start} and a caret line marking {@code start..end} on it (clipped to it),
     * e.g. {@code "  int x = foo;"} and {@code "          ^-^"}.
     */
    public String[] caret(int start, int end) {
        int line = lineOf(start);
        String source = line(line);
        int column = columnOf(start);
        int width = Math.max(1, Math.min(end, start + source.length() - column + 1) - start);
        String marker = width == 1 ? "^" : "^" + "-".repeat(Math.max(0, width - 2)) + "^";
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < column - 1 && i < source.length(); i++) {
            pad.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        return new String[]{source, pad + marker};
    }
}
