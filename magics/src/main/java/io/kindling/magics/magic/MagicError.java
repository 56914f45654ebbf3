package io.kindling.magics.magic;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A failure a magic has already explained: a name from {@link ErrorName} (or an engine's own code),
 * a one-line message, where in the cell it happened when that is known, and detail lines such as the
 * offending cell line with a caret. The kernel shows exactly this, without stack frames.
 * <pre>{@code
 * throw new MagicError(ErrorName.UNKNOWN_VARIABLE, "{regoin} names no notebook variable (did you mean region?)")
 *         .at(new SourcePosition(3, 14), source.caret(offset, offset + 8));
 * }</pre>
 */
public class MagicError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorName;
    private final transient SourcePosition position;
    private final List<String> details;

    private MagicError(String errorName, String message, Optional<SourcePosition> position, List<String> details,
                       Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorName = requireNonNull(errorName, "errorName is null");
        this.position = requireNonNull(position, "position is null").orElse(null);
        this.details = List.copyOf(details);
    }

    public MagicError(ErrorName name, String message, List<String> details, Throwable cause) {
        this(name.name(), message, Optional.empty(), details, cause);
    }

    public MagicError(ErrorName name, String message) {
        this(name, message, List.of(), null);
    }

    /**
     * A failure an engine named itself, e.g. Trino's {@code COLUMN_NOT_FOUND}: its code passes through
     * unchanged.
     */
    public static MagicError engine(String engineCode, String message, Optional<SourcePosition> position,
                                    List<String> details, Throwable cause) {
        return new MagicError(engineCode, message, position, details, cause);
    }

    /** The same failure located in the cell, with the cell line and caret lines shown first. */
    public MagicError at(SourcePosition where, List<String> caretLines) {
        List<String> located = new java.util.ArrayList<>(caretLines);
        located.addAll(details);
        MagicError copy = new MagicError(errorName, getMessage(), Optional.of(where), located, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public String errorName() {
        return errorName;
    }

    /** Where in the cell the failure is, when the engine or the parser said. */
    public Optional<SourcePosition> position() {
        return Optional.ofNullable(position);
    }

    /** Lines shown under the message, e.g. the cell line and a caret. */
    public List<String> details() {
        return details;
    }
}
