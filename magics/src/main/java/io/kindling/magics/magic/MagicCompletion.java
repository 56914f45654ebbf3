package io.kindling.magics.magic;

import java.util.List;

/**
 * Completion candidates inside a magic's body, replacing {@code [start, end)} of the body.
 */
public record MagicCompletion(List<String> matches, int start, int end) {
    public MagicCompletion {
        matches = List.copyOf(matches);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }
}
