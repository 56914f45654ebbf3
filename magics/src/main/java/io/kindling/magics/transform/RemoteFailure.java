package io.kindling.magics.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link FunctionFailure} read back from the text of Spark's job failure. Spark reports a task's
 * exception to the driver as text ("most recent failure: Lost task ...: the exception, its frames"),
 * not as the exception itself, so the group, first row and the user's frames are parsed from there.
 */
final class RemoteFailure {
    private static final Pattern HEADLINE = Pattern.compile(Pattern.quote(FunctionFailure.class.getName() + ": " + FunctionFailure.HEADLINE)
            + "(.*?) \\(first row: (.*)\\): ([\\w.$]+)(?:: (.*))?");
    private static final Pattern FRAME = Pattern.compile("\\s*at (?:[\\w.$/@]+/)?([\\w.$]+)\\.([^.(]+)\\(([^:)]*)(?::(\\d+))?\\)");

    private RemoteFailure() {
    }

    static Optional<FunctionFailure> parse(String sparkMessage) {
        if (sparkMessage == null) {
            return Optional.empty();
        }
        String[] lines = sparkMessage.split("\n");
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(FunctionFailure.class.getName() + ": ");
            if (at < 0) {
                continue;
            }
            Matcher headline = HEADLINE.matcher(lines[i].substring(at));
            if (!headline.matches()) {
                continue;
            }
            List<StackTraceElement> frames = new ArrayList<>();
            for (int f = i + 1; f < lines.length; f++) {
                Matcher frame = FRAME.matcher(lines[f]);
                if (!frame.matches()) {
                    break;
                }
                frames.add(new StackTraceElement(frame.group(1), frame.group(2), frame.group(3).isEmpty() ? null : frame.group(3),
                        frame.group(4) == null ? -1 : Integer.parseInt(frame.group(4))));
            }
            return Optional.of(new FunctionFailure(headline.group(1), headline.group(2), headline.group(3),
                    headline.group(4) == null ? "" : headline.group(4), frames.toArray(StackTraceElement[]::new)));
        }
        return Optional.empty();
    }
}
