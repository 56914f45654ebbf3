package io.kindling.kernel.notebook;

import static java.util.Objects.requireNonNull;

/** HTML to show in a cell: the value of {@code html("<b>hi</b>")}, or passed to {@code display}. */
public record Html(String html) {
    public Html {
        requireNonNull(html, "html is null");
    }
}
