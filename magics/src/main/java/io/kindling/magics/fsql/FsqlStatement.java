package io.kindling.magics.fsql;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a {@code %%fsql} cell: what it does, the name it assigns its result to, and where
 * it is in the cell's body (for errors and {@code --explain}).
 *
 * @param target the name in {@code name = ...}, if any
 * @param step   what the statement does
 * @param start  the offset of its first character in the body
 * @param end    the offset after its last character
 */
public record FsqlStatement(Optional<String> target, FsqlStep step, int start, int end) {
    public FsqlStatement {
        requireNonNull(target, "target is null");
        requireNonNull(step, "step is null");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** The statement as written. */
    public String text(String body) {
        return body.substring(start, end);
    }
}
