package io.kindling.magics.magic;

import static java.util.Objects.requireNonNull;

/**
 * Text with line arithmetic, so errors can name the cell line and draw a caret under it.
 *
 * @param text      the text, e.g. a cell or a cell magic's body
 * @param firstLine the cell line the text starts on: 1 for a whole cell, 2 for a cell magic's body
 */
public record SourceText(String text, int firstLine) {

    public SourceText {
        requireNonNull(text, "text is null");
    }

    /** Cell line of a character offset. */
    public int lineOf(int offset) {
        int line = firstLine;
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

    /** The cell position of a character offset. */
    public SourcePosition positionOf(int offset) {
        return new SourcePosition(lineOf(offset), columnOf(offset));
    }

    /** The offset of a cell line and 1-based column, clamped to the text. */
    public int offsetOf(int line, int column) {
        int offset = 0;
        for (int current = firstLine; current < line && offset >= 0; current++) {
            int newline = text.indexOf('\n', offset);
            offset = newline < 0 ? text.length() : newline + 1;
        }
        return Math.min(text.length(), Math.max(0, offset) + Math.max(0, column - 1));
    }

    /** The text of a cell line, without its newline. */
    public String line(int line) {
        String[] lines = text.split("\n", -1);
        int index = line - firstLine;
        return index >= 0 && index < lines.length ? lines[index] : "";
    }

    /**
     * The line holding {@code start} and a caret line marking {@code start..end} on it (clipped to it),
     * e.g. {@code "  int x = foo;"} and {@code "          ^-^"}.
     */
    public String[] caret(int start, int end) {
        String source = line(lineOf(start));
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
