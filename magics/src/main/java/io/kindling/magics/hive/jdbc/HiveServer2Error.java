package io.kindling.magics.hive.jdbc;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A statement HiveServer2 rejected or failed, with where in the statement the server says the problem is.
 * {@link #statementPosition()} counts in the statement text as sent (line 1 is its first line, columns
 * 1-based); the magic maps it to the cell and re-throws located:
 * <pre>{@code
 * } catch (HiveServer2Error e) {
 *     throw e.statementPosition().map(p -> {
 *         int offset = statement.offset() + new SourceText(statement.text(), 1).offsetOf(p.line(), p.column());
 *         return e.at(body.positionOf(offset), List.of(body.caret(offset, offset + 1)));
 *     }).orElse(e);
 * }
 * }</pre>
 * {@link #getMessage()} is the server's message without the driver's boilerplate ("Error while compiling
 * statement: FAILED: "), e.g. {@code SemanticException [Error 10001]: Line 1:14 Table not found 'nope'};
 * note that Hive's own {@code Line L:C} counts columns from 0. {@link #reason()} is the part after the
 * position ({@code Table not found 'nope'}), for a message that puts the cell position first.
 */
public final class HiveServer2Error extends MagicError {
    private static final long serialVersionUID = 1L;

    private final transient SourcePosition statementPosition;
    private final String reason;

    HiveServer2Error(ErrorName name, String message, String reason, Optional<SourcePosition> statementPosition,
                     List<String> details, Throwable cause) {
        super(name, message, details, cause);
        this.reason = requireNonNull(reason, "reason is null");
        this.statementPosition = requireNonNull(statementPosition, "statementPosition is null").orElse(null);
    }

    /** Where in the statement text the server places the problem (1-based line and column), when it says. */
    public Optional<SourcePosition> statementPosition() {
        return Optional.ofNullable(statementPosition);
    }

    /** The server's message without its exception name and position, e.g. {@code Table not found 'nope'}. */
    public String reason() {
        return reason;
    }
}
