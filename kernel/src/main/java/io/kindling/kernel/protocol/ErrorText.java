package io.kindling.kernel.protocol;

import io.kindling.kernel.display.LineWrap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A traceback as frontends show it: the error's name in bold red as IPython colours it (frontends turn
 * ANSI into colour), and prose lines wrapped at word boundaries. Stack frames and the source and caret
 * lines of compile errors keep their shape.
 */
final class ErrorText {
    static final String RED_BOLD = "\u001b[1;31m";
    static final String RESET = "\u001b[0m";
    private static final Pattern CARET = Pattern.compile("\\s*\\^[-^]*\\s*");

    private ErrorText() {
    }

    static List<String> traceback(String errorName, List<String> lines) {
        List<String> styled = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean keepShape = line.startsWith("\t") || CARET.matcher(line).matches()
                    || (i + 1 < lines.size() && CARET.matcher(lines.get(i + 1)).matches());
            List<String> parts = keepShape ? List.of(line) : LineWrap.line(line, LineWrap.WIDTH);
            for (int p = 0; p < parts.size(); p++) {
                styled.add(i == 0 && p == 0 ? named(errorName, parts.get(p)) : parts.get(p));
            }
        }
        return styled;
    }

    /** The headline with the error's name coloured; without the name in it, the part before its first colon. */
    private static String named(String errorName, String headline) {
        int at = errorName.isEmpty() ? -1 : headline.indexOf(errorName);
        int end = at < 0 ? -1 : at + errorName.length();
        if (at < 0) {
            at = 0;
            end = headline.indexOf(": ");
            if (end < 0) {
                end = headline.length();
            }
        }
        return headline.substring(0, at) + RED_BOLD + headline.substring(at, end) + RESET + headline.substring(end);
    }
}
