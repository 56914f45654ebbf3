package io.kindling.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Shift-Tab shows of a Javadoc comment (JShell hands over the raw comment, HTML and tags): the first
 * paragraph and the parameters, return value and exceptions, as plain text.
 */
final class JavadocText {
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain|value)\\s+([^}]*)}");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^@(\\w+)\\s*");
    private static final Pattern PARAGRAPH = Pattern.compile("(?i)\\n\\s*\\n|<p\\s*/?>|<p\\s[^>]*>");

    private JavadocText() {
    }

    static String summary(String javadoc) {
        // Comments from a library's sources jar come as lines indented by one space, without the stars.
        String body = javadoc.lines().map(line -> line.replaceFirst("^\\s*(\\*\\s?)?", "")).reduce((a, b) -> a + "\n" + b)
                .orElse("").strip();
        Matcher tags = BLOCK_TAG.matcher(body);
        String description = tags.find() ? body.substring(0, tags.start()) : body;
        List<String> lines = new ArrayList<>();
        String firstParagraph = PARAGRAPH.split(description.strip(), 2)[0];
        lines.add(plain(firstParagraph));
        List<String> tagLines = new ArrayList<>();
        Matcher tag = BLOCK_TAG.matcher(body);
        List<int[]> starts = new ArrayList<>();
        while (tag.find()) {
            starts.add(new int[]{tag.start(), tag.end()});
        }
        for (int i = 0; i < starts.size(); i++) {
            String name = body.substring(starts.get(i)[0] + 1, starts.get(i)[1]).strip();
            String text = plain(body.substring(starts.get(i)[1], i + 1 < starts.size() ? starts.get(i + 1)[0] : body.length()));
            switch (name) {
                case "param" -> tagLines.add("  " + text.replaceFirst("^(\\S+)\\s*", "$1 – "));
                case "return" -> tagLines.add("Returns: " + text);
                case "throws", "exception" -> tagLines.add("Throws: " + text.replaceFirst("^(\\S+)\\s*", "$1 – "));
                default -> { }
            }
        }
        if (tagLines.stream().anyMatch(l -> l.startsWith("  "))) {
            lines.add("");
            lines.add("Parameters:");
        }
        tagLines.stream().filter(l -> l.startsWith("  ")).forEach(lines::add);
        List<String> rest = tagLines.stream().filter(l -> !l.startsWith("  ")).toList();
        if (!rest.isEmpty()) {
            lines.add("");
            lines.addAll(rest);
        }
        return String.join("\n", lines);
    }

    /** Javadoc HTML as one line of text: inline tags by their text, markup gone, entities read. */
    private static String plain(String html) {
        Matcher inline = INLINE_TAG.matcher(html);
        StringBuilder text = new StringBuilder();
        while (inline.find()) {
            String content = inline.group(1).strip();
            // {@link Type#member label}: the label when there is one.
            int label = content.indexOf(' ', content.contains("(") ? content.indexOf(')') : 0);
            inline.appendReplacement(text, Matcher.quoteReplacement(
                    label > 0 && !inline.group(0).startsWith("{@code") && !inline.group(0).startsWith("{@literal")
                            ? content.substring(label + 1).strip() : content));
        }
        inline.appendTail(text);
        return text.toString().replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&")
                .replaceAll("\\s+", " ").strip();
    }
}
