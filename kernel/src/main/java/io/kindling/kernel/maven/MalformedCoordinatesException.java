package io.kindling.kernel.maven;

import java.util.Objects;

/**
 * Thrown when a {@code %maven} argument is not a Maven coordinate. It is an
 * {@link IllegalArgumentException} because the input came from the user and is simply wrong; the
 * message names the input and what is wrong with it, so it can be shown to the user as is.
 */
public final class MalformedCoordinatesException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String input;

    MalformedCoordinatesException(String input, String problem) {
        super("'" + Objects.requireNonNull(input, "input") + "' is not a Maven coordinate: "
                + Objects.requireNonNull(problem, "problem"));
        this.input = input;
    }

    /** The text that failed to parse, exactly as given. */
    public String input() {
        return input;
    }
}
