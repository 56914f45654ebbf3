package io.kindling.kernel.notebook;

import static java.util.Objects.requireNonNull;

/** Markdown to show in a cell: the value of {@code markdown("**hi**")}, or passed to {@code display}. */
public record Markdown(String markdown) {
    public Markdown {
        requireNonNull(markdown, "markdown is null");
    }
}
