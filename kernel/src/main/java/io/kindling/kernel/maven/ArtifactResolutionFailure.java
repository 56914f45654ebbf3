package io.kindling.kernel.maven;

import java.util.Objects;

/**
 * Resolving a {@code %maven} request failed. The message is written for the notebook user and is
 * complete on its own (which coordinate, which artifact, why, what to try), so show
 * {@link #getMessage()} rather than a stack trace; the resolver's exception is kept as the cause
 * for logs.
 *
 * <p>Checked, because a typo or an outage is an expected outcome of user input that the caller
 * must turn into a cell error, not a kernel bug.
 */
public final class ArtifactResolutionFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why resolution failed, for callers that react differently (e.g. suggest checking spelling). */
    public enum Reason {
        /** No repository has the artifact, its POM, or a version in the requested range. */
        NOT_FOUND,
        /** A repository could not be reached or answered with an error; retrying may help. */
        NETWORK,
        /** Anything else, such as an unreadable POM or an unsolvable version conflict. */
        OTHER
    }

    private final Reason reason;
    private final String coordinate;

    ArtifactResolutionFailure(Reason reason, String coordinate, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.coordinate = Objects.requireNonNull(coordinate, "coordinate");
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The requested coordinate(s) that could not be resolved, as the user wrote them (in canonical
     * form); the failing artifact itself may be one of their transitive dependencies.
     */
    public String coordinate() {
        return coordinate;
    }
}
