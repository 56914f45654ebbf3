package io.kindling.magics.magic;

import static java.util.Objects.requireNonNull;

/**
 * Text a magic shows in a cell with an HTML form for notebooks and a plain form for consoles,
 * e.g. a progress line with a link to the server's UI.
 */
public record RichText(String plain, String html) {
    public RichText {
        requireNonNull(plain, "plain is null");
        requireNonNull(html, "html is null");
    }

    /** Escapes text for inclusion in {@link #html()}. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public String toString() {
        return plain;
    }
}
