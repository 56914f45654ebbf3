package io.kindling.kernel.notebook;

import static java.util.Objects.requireNonNull;

/**
 * Functions every cell can call without a prefix (the kernel imports them statically):
 * <pre>{@code
 * display(html("<b>bold</b>"));
 * var progress = display("0%");
 * progress.update("100%");
 * String name = input("Your name? ");
 * }</pre>
 * Cell code can reach the kernel only through a class, so this holds the one running kernel's services.
 */
public final class Notebook {
    private static volatile NotebookServices services;

    private Notebook() {
    }

    /** Called once by the kernel at start-up. */
    public static void install(NotebookServices kernelServices) {
        services = requireNonNull(kernelServices, "kernelServices is null");
    }

    /** Shows {@code value} in the cell's output with every representation its renderer offers. */
    public static DisplayHandle display(Object value) {
        return running().display(value);
    }

    /** Shows {@code value} rendered only as the given MIME types, e.g. {@code "text/html"}. */
    public static DisplayHandle display(Object value, String... mimeTypes) {
        return running().display(value, mimeTypes);
    }

    public static Html html(String html) {
        return new Html(html);
    }

    public static Markdown markdown(String markdown) {
        return new Markdown(markdown);
    }

    /** Asks the user for a line of text in the frontend. */
    public static String input(String prompt) {
        return running().readLine(prompt, false);
    }

    /** Asks the user for a secret; the frontend hides what is typed and nothing is echoed. */
    public static String password(String prompt) {
        return running().readLine(prompt, true);
    }

    private static NotebookServices running() {
        NotebookServices current = services;
        if (current == null) {
            throw new IllegalStateException("no Kindling kernel is running in this JVM");
        }
        return current;
    }
}
