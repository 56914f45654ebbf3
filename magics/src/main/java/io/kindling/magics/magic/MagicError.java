package io.kindling.magics.magic;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A failure a magic has already explained: a name (e.g. {@code COLUMN_NOT_FOUND}), a one-line message,
 * and detail lines such as the offending cell line with a caret. The kernel shows exactly this,
 * without stack frames.
 */
public class MagicError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorName;
    private final List<String> details;

    public MagicError(String errorName, String message, List<String> details, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorName = requireNonNull(errorName, "errorName is null");
        this.details = List.copyOf(details);
    }

    public MagicError(String errorName, String message) {
        this(errorName, message, List.of(), null);
    }

    public String errorName() {
        return errorName;
    }

    /** Lines shown under the message, e.g. the cell line and a caret. */
    public List<String> details() {
        return details;
    }
}
