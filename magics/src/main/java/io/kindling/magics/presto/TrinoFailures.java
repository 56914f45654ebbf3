package io.kindling.magics.presto;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.sql.SqlScript;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a failed query the way the Trino CLI does: Trino's message, its error name and code, and the
 * cell line with a caret under the reported {@code line L:C}; connection problems name the profile and
 * server (never a secret).
 */
final class TrinoFailures {
    private static final Pattern QUERY_FAILED = Pattern.compile("Query failed \\(#([^)]+)\\): (.*)", Pattern.DOTALL);
    private static final Pattern POSITION = Pattern.compile("^line (\\d+):(\\d+): (.*)", Pattern.DOTALL);
    /** What trino-jdbc 476 puts before a statement with parameters when explicitPrepare is off. */
    private static final String EXECUTE_IMMEDIATE = "EXECUTE IMMEDIATE '";

    private TrinoFailures() {
    }

    /**
     * @param body      the cell magic's body, whose first line is cell line 2
     * @param statement where the failing statement starts in the body
     * @param bound     what was sent, to map Trino's position back through parameter placeholders
     */
    static MagicError explain(SQLException failure, TrinoProfile profile, Connection connection,
                              SourceText body, SqlScript.Statement statement, BoundStatement bound) {
        Matcher failed = QUERY_FAILED.matcher(String.valueOf(failure.getMessage()));
        if (!failed.matches()) {
            return connectionFailure(failure, profile);
        }
        String queryId = failed.group(1);
        String message = failed.group(2);
        String errorName = errorName(connection, queryId).orElse("TRINO_ERROR");
        List<String> details = new ArrayList<>();
        Optional<SourcePosition> where = Optional.empty();
        Matcher position = POSITION.matcher(message);
        if (position.matches()) {
            int sentOffset = sentOffset(bound, Integer.parseInt(position.group(1)), Integer.parseInt(position.group(2)));
            int bodyOffset = statement.offset() + bound.writtenOffset(sentOffset);
            SourcePosition cellPosition = body.positionOf(bodyOffset);
            where = Optional.of(cellPosition);
            message = cellPosition + ": " + position.group(3);
            String[] caret = body.caret(bodyOffset, bodyOffset + 1);
            details.add(caret[0]);
            details.add(caret[1]);
        }
        details.add(errorName + " (" + failure.getErrorCode() + "), query " + queryId + ": " + profile.queryPage(queryId));
        return MagicError.engine(errorName, message, where, details, failure);
    }

    /**
     * The offset in {@code bound.sql()} of Trino's {@code line L:C}, which counts columns in code points.
     * A statement with parameters went as {@code EXECUTE IMMEDIATE '<sql>' USING ...} ({@link TrinoConnector}
     * turns off explicit PREPARE). Trino parses the literal's value, quotes undoubled, so exactly
     * {@code bound.sql()}, and places it where the literal's content starts: lines after the first keep
     * their columns, the first is shifted by the prefix, and doubled quotes shift nothing.
     */
    private static int sentOffset(BoundStatement bound, int line, int column) {
        String sql = bound.sql();
        int sqlColumn = line == 1 && !bound.parameters().isEmpty() ? column - EXECUTE_IMMEDIATE.length() : column;
        int lineStart = new SourceText(sql, 1).offsetOf(line, 1);
        int lineEnd = sql.indexOf('\n', lineStart);
        int lineLength = sql.codePointCount(lineStart, lineEnd < 0 ? sql.length() : lineEnd);
        return sql.offsetByCodePoints(lineStart, Math.max(0, Math.min(sqlColumn - 1, lineLength)));
    }

    /** Trino's error name (e.g. COLUMN_NOT_FOUND) from system.runtime.queries; JDBC only carries the number. */
    private static Optional<String> errorName(Connection connection, String queryId) {
        try (PreparedStatement lookup = connection.prepareStatement(
                "SELECT error_code FROM system.runtime.queries WHERE query_id = ?")) {
            lookup.setQueryTimeout(5);
            lookup.setString(1, queryId);
            try (ResultSet row = lookup.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static MagicError connectionFailure(Throwable failure, TrinoProfile profile) {
        String where = "profile '" + profile.name() + "' (" + profile.server() + ", user " + profile.user() + ")";
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return new MagicError(ErrorName.CONNECTION_REFUSED, "cannot reach Trino for " + where
                        + ": connection refused; is the server running?", List.of(), failure);
            }
            if (cause instanceof UnknownHostException) {
                return new MagicError(ErrorName.UNKNOWN_HOST, "cannot reach Trino for " + where + ": unknown host "
                        + profile.server().getHost(), List.of(), failure);
            }
            if (cause instanceof SocketTimeoutException) {
                return new MagicError(ErrorName.TIMEOUT, "Trino did not answer in time for " + where, List.of(), failure);
            }
            String text = String.valueOf(cause.getMessage());
            if (text.contains("401") || text.contains("Unauthorized") || text.contains("Authentication failed")) {
                return new MagicError(ErrorName.AUTHENTICATION_FAILED, "Trino rejected the credentials for " + where
                        + "; check the password or token source named in the profile", List.of(), failure);
            }
        }
        return new MagicError(ErrorName.SERVER_ERROR, "Trino request failed for " + where + ": " + failure.getMessage(), List.of(), failure);
    }
}
