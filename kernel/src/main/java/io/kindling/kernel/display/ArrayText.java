package io.kindling.kernel.display;

import java.lang.reflect.Array;

/**
 * A Java array's contents, {@code [1, 2, 3]}, nested arrays too, where {@code toString} would say
 * {@code [I@6f6c09e5}. Cut after {@value #ELEMENTS} elements per level, so a million-element array
 * shows a line, not megabytes.
 */
public final class ArrayText {
    static final int ELEMENTS = 100;

    private ArrayText() {
    }

    /** {@code array}'s contents; {@code array} must be an array. */
    public static String of(Object array) {
        if (array == null || !array.getClass().isArray()) {
            throw new IllegalArgumentException("not an array: " + array);
        }
        StringBuilder text = new StringBuilder();
        append(text, array, 0);
        return text.toString();
    }

    private static void append(StringBuilder text, Object array, int depth) {
        int length = Array.getLength(array);
        text.append('[');
        for (int i = 0; i < Math.min(length, ELEMENTS); i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object element = Array.get(array, i);
            if (element != null && element.getClass().isArray() && depth < 8) {
                append(text, element, depth + 1);
            } else if (element instanceof String s) {
                text.append('"').append(s).append('"');
            } else if (element instanceof Character c) {
                text.append('\'').append(c).append('\'');
            } else {
                text.append(NumberText.of(element));
            }
        }
        if (length > ELEMENTS) {
            text.append(", … (").append(length).append(" elements)");
        }
        text.append(']');
    }
}
