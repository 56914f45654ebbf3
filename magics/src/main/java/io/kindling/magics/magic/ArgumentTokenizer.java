package io.kindling.magics.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a magic's argument line the way a POSIX shell would: whitespace separates words,
 * {@code '...'} is literal, {@code "..."} allows {@code \"} and {@code \\}, and a backslash outside
 * quotes escapes the next character.
 */
final class ArgumentTokenizer {
    private ArgumentTokenizer() {
    }

    /**
     * @param line  the text after the magic's name
     * @param usage shown with any error
     * @throws MagicUsageException on an unterminated quote, naming its column
     */
    static List<String> split(String line, String usage) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'' || c == '"') {
                int close = closingQuote(line, i, usage);
                String quoted = line.substring(i + 1, close);
                word.append(c == '"' ? quoted.replaceAll("\\\\([\"\\\\])", "$1") : quoted);
                inWord = true;
                i = close + 1;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int closingQuote(String line, int open, String usage) {
        char quote = line.charAt(open);
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '"' && c == '\\' && i + 1 < line.length()) {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        throw new MagicUsageException(
                "unterminated " + (quote == '"' ? "double" : "single") + " quote starting at column " + (open + 1), usage);
    }
}
