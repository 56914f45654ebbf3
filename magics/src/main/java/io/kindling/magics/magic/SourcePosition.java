package io.kindling.magics.magic;

/**
 * Where in a cell something is: 1-based cell line and column, as errors name it ({@code line 3:14}).
 *
 * @param line   the cell line; a cell magic's body starts on line 2
 * @param column the column on that line
 */
public record SourcePosition(int line, int column) {
    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return "line " + line + ":" + column;
    }
}
