package io.kindling.kernel.jshell;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Names cell code where JShell's class names would show: Spark call sites ({@code reduce at
 * $JShell$29.java:8}) and stack frames JShell did not translate (an executor's, a live thread's). Each
 * evaluated snippet's wrapper class is registered with where its wrapped lines come from in the cell, so
 * {@code $JShell$29.java:8} reads {@code cell [12] line 3}, as errors already say.
 */
public final class CellFrames {
    /** A wrapper's source file and line; JShell adds a letter to the class of a redefined snippet. */
    private static final Pattern AT_WRAPPER = Pattern.compile("\\$JShell\\$(\\d+)[A-Z]*\\.java:(\\d+)");
    private static final Pattern WRAPPER_CLASS = Pattern.compile("(?:REPL\\.)?(\\$JShell\\$\\d+)[A-Z]*(?:\\$.*)?");

    /** Wrapper class without package and suffix ({@code $JShell$29}) to its lines; the latest definition wins. */
    private final Map<String, Wrapper> wrappers = new ConcurrentHashMap<>();

    /** Where a wrapper's lines come from: the cell, and per wrapped line the snippet line (0: not snippet code). */
    private record Wrapper(SnippetOrigin origin, int[] snippetLines) {
        Optional<String> cellLine(int wrappedLine) {
            if (wrappedLine < 1 || wrappedLine > snippetLines.length || snippetLines[wrappedLine - 1] == 0) {
                return Optional.empty();
            }
            return Optional.of("cell [" + origin.executionCount() + "] line "
                    + (origin.firstLine() + snippetLines[wrappedLine - 1] - 1));
        }
    }

    /**
     * Registers a snippet's wrapper.
     *
     * @param fullClassName    the wrapper's class, {@code REPL.$JShell$29}
     * @param wrapped          the wrapper's whole source, as compiled
     * @param wrappedToSource  a position in {@code wrapped} to one in {@code source}, negative when outside it
     * @param source           the snippet's source
     */
    void register(String fullClassName, SnippetOrigin origin, String wrapped, IntUnaryOperator wrappedToSource, String source) {
        requireNonNull(origin, "origin is null");
        Matcher name = WRAPPER_CLASS.matcher(requireNonNull(fullClassName, "fullClassName is null"));
        if (!name.matches()) {
            return;
        }
        // JShell numbers a snippet's lines from its first non-blank line.
        int leading = source.length() - source.stripLeading().length();
        String[] lines = wrapped.split("\n", -1);
        int[] snippetLines = new int[lines.length];
        int lineStart = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int firstCode = line.length() - line.stripLeading().length();
            if (firstCode < line.length()) {
                int at = sourcePosition(wrappedToSource, lineStart + firstCode);
                if (at >= leading && at < source.length()) {
                    snippetLines[i] = 1 + (int) source.substring(leading, at).chars().filter(c -> c == '\n').count();
                }
            }
            lineStart += line.length() + 1;
        }
        wrappers.put(name.group(1), new Wrapper(origin, snippetLines));
    }

    private static int sourcePosition(IntUnaryOperator wrappedToSource, int position) {
        try {
            return wrappedToSource.applyAsInt(position);
        } catch (RuntimeException outsideTheSnippet) {
            return -1;
        }
    }

    /** The cell line of a frame in cell code, e.g. {@code cell [12] line 3}, if it is one. */
    public Optional<String> cellLine(StackTraceElement frame) {
        Matcher name = WRAPPER_CLASS.matcher(frame.getClassName());
        if (!name.matches()) {
            return Optional.empty();
        }
        Wrapper wrapper = wrappers.get(name.group(1));
        return wrapper == null ? Optional.empty() : wrapper.cellLine(frame.getLineNumber());
    }

    /**
     * {@code text} with each {@code $JShell$29.java:8} named by its cell line; one not registered yet (the
     * snippet still runs) is named by the running cell.
     */
    public String rename(String text, int runningCell) {
        if (!text.contains("$JShell$")) {
            return text;
        }
        Matcher at = AT_WRAPPER.matcher(text);
        StringBuilder renamed = new StringBuilder();
        while (at.find()) {
            Wrapper wrapper = wrappers.get("$JShell$" + at.group(1));
            String name = wrapper == null ? "cell [" + runningCell + "]"
                    : wrapper.cellLine(Integer.parseInt(at.group(2))).orElse("cell [" + wrapper.origin().executionCount() + "]");
            at.appendReplacement(renamed, Matcher.quoteReplacement(name));
        }
        at.appendTail(renamed);
        return renamed.toString();
    }
}
