package io.kindling.magics.magic;

import static java.util.Objects.requireNonNull;

/**
 * A magic was called the wrong way: an unknown or misspelled option, a missing value, a bad quote.
 * The message names what was wrong; {@link #usage()} says how to call the magic instead.
 */
public final class MagicUsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String usage;

    public MagicUsageException(String message, String usage) {
        super(requireNonNull(message, "message is null"));
        this.usage = requireNonNull(usage, "usage is null");
    }

    public String usage() {
        return usage;
    }
}
