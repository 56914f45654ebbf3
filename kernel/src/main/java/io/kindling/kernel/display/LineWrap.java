package io.kindling.kernel.display;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks long lines of prose (error messages, help) at word boundaries, so the Notebook, which wraps
 * output at its width, never breaks them mid-word. Continuation lines are indented under the line's
 * own indentation; a word longer than the width (a URL, a path) stays whole.
 */
public final class LineWrap {
    /** Columns of a Notebook output area at its default width, with room to spare. */
    public static final int WIDTH = 100;
    private static final String CONTINUATION = "    ";

    private LineWrap() {
    }

    /** {@code text}, each of its lines wrapped at {@link #WIDTH}. */
    public static String text(String text) {
        List<String> lines = new ArrayList<>();
        text.lines().forEach(line -> lines.addAll(line(line, WIDTH)));
        return String.join("\n", lines) + (text.endsWith("\n") ? "\n" : "");
    }

    /** One line as lines no longer than {@code width}, except for words longer than that. */
    public static List<String> line(String line, int width) {
        if (line.length() <= width) {
            return List.of(line);
        }
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        String continuation = indent.replace("\t", "    ") + CONTINUATION;
        List<String> wrapped = new ArrayList<>();
        String rest = line;
        String prefix = "";
        while (prefix.length() + rest.length() > width) {
            int room = width - prefix.length();
            int cut = rest.lastIndexOf(' ', room);
            // Not inside the indentation: the first word of the line stays on it.
            if (cut <= rest.length() - rest.stripLeading().length()) {
                cut = rest.indexOf(' ', room);
                if (cut < 0) {
                    break;
                }
            }
            wrapped.add(prefix + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            prefix = continuation;
        }
        wrapped.add(prefix + rest);
        return wrapped;
    }
}
