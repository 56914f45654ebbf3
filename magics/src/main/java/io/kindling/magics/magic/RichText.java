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

    /**
     * The class every HTML the kernel emits carries: notebooks run MathJax over HTML output, which typesets
     * {@code costs $5 and $10} as maths; classic Notebook (MathJax 2) skips {@code tex2jax_ignore},
     * JupyterLab (MathJax 3) {@code mathjax_ignore} (what pandas sets when {@code html.use_mathjax} is off).
     */
    public static final String NO_MATHJAX = "tex2jax_ignore mathjax_ignore";

    /**
     * Escapes text for inclusion in {@link #html()}. {@code $} becomes {@code &#36;} too, so text-level
     * maths processing (and a copy pasted into Markdown) sees no delimiter.
     */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                case '$' -> escaped.append("&#36;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** {@code html} in a block that MathJax leaves alone. */
    public static String withoutMathJax(String html) {
        return "<div class=\"" + NO_MATHJAX + "\">" + html + "</div>";
    }

    @Override
    public String toString() {
        return plain;
    }
}
