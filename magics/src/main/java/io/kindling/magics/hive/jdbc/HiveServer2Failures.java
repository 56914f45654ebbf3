package io.kindling.magics.hive.jdbc;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains what went wrong talking to a HiveServer2-protocol server: a session that would not open
 * (named by the server's address and the reason), a statement the server rejected (its message, an
 * {@link ErrorName}, and the position it names), a cancelled statement. Never a password: connection
 * messages are checked for the one that was sent.
 */
final class HiveServer2Failures {
    /** Hive's "Line 1:14" (ParseException writes "line"); Hive counts the column from 0. */
    private static final Pattern HIVE_POSITION = Pattern.compile("\\b[Ll]ine (\\d+):(\\d+)\\b");
    /** Spark Thrift Server's "; line 1 pos 14" (pos from 0). */
    private static final Pattern SPARK_POSITION = Pattern.compile(";?\\s*\\bline (\\d+) pos (\\d+);?");
    /** What the server puts before its own message. */
    private static final Pattern BOILERPLATE = Pattern.compile(
            "^(Error while (compiling|processing) statement: (FAILED: )?|Error running query: )");

    private HiveServer2Failures() {
    }

    /** A session that did not open, e.g. "cannot connect to HiveServer2 at h:10000 (profile 'p', user 'u'): connection refused". */
    static MagicError connectFailure(Throwable failure, HiveServer2Profile profile, Optional<String> password) {
        String where = "HiveServer2 at " + profile.address() + " (profile '" + profile.name() + "', user " + profile.user() + ")";
        ErrorName name = ErrorName.SERVER_ERROR;
        String reason = null;
        for (Throwable cause = failure; cause != null && reason == null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                name = ErrorName.CONNECTION_REFUSED;
                reason = "connection refused; is the server running?";
            } else if (cause instanceof UnknownHostException) {
                name = ErrorName.UNKNOWN_HOST;
                reason = "unknown host " + cause.getMessage();
            } else if (cause instanceof NoRouteToHostException) {
                name = ErrorName.CONNECTION_REFUSED;
                reason = "no route to host";
            } else if (cause instanceof SocketTimeoutException) {
                name = ErrorName.TIMEOUT;
                reason = "no answer in time (" + cause.getMessage() + ")";
            } else if (isAuthentication(String.valueOf(cause.getMessage()))) {
                name = ErrorName.AUTHENTICATION_FAILED;
                reason = "the server rejected the credentials; check the user and the password source named in the profile";
            }
        }
        if (reason == null) {
            reason = String.valueOf(failure.getMessage());
        }
        String message = scrub("cannot connect to " + where + ": " + reason, password);
        return new MagicError(name, message, List.of(), safeCause(failure, password));
    }

    /** A statement the server rejected or failed while running it. */
    static MagicError statementFailure(SQLException failure, HiveServer2Profile profile) {
        if (isConnectionLost(failure)) {
            return new MagicError(ErrorName.SERVER_ERROR, "lost the connection to HiveServer2 at " + profile.address()
                    + " (profile '" + profile.name() + "'): " + failure.getMessage(), List.of(), failure);
        }
        String message = BOILERPLATE.matcher(String.valueOf(failure.getMessage()).strip()).replaceFirst("");
        Optional<SourcePosition> position = Optional.empty();
        String reason = firstLine(message);
        Matcher hive = HIVE_POSITION.matcher(message);
        Matcher spark = SPARK_POSITION.matcher(message);
        if (hive.find()) {
            position = Optional.of(new SourcePosition(Integer.parseInt(hive.group(1)), Integer.parseInt(hive.group(2)) + 1));
            String rest = firstLine(message.substring(hive.end())).strip();
            reason = rest.isEmpty() ? reason : rest;
        } else if (spark.find()) {
            position = Optional.of(new SourcePosition(Integer.parseInt(spark.group(1)), Integer.parseInt(spark.group(2)) + 1));
            reason = firstLine(spark.replaceFirst("")).strip();
        }
        List<String> details = new ArrayList<>();
        details.add("HiveServer2 at " + profile.address() + " (profile '" + profile.name() + "'): SQLState "
                + failure.getSQLState() + ", error " + failure.getErrorCode());
        return new HiveServer2Error(errorName(failure, message), message, reason, position, details, failure);
    }

    /** The statement was cancelled (the cell's interrupt) and the server confirmed or stopped answering for it. */
    static MagicError cancelled(HiveServer2Profile profile, Optional<String> queryId, Throwable cause) {
        return new MagicError(ErrorName.INTERRUPTED, "cancelled: the statement was cancelled on HiveServer2 at "
                + profile.address() + queryId.map(id -> " (query " + id + ")").orElse(""), List.of(), cause);
    }

    static ErrorName errorName(SQLException failure, String message) {
        String state = String.valueOf(failure.getSQLState());
        int code = failure.getErrorCode();
        if (state.equals("42S02") || state.equals("42P01") || code == 10001) {
            return ErrorName.TABLE_NOT_FOUND;
        }
        if (state.equals("42S22") || state.equals("42703") || code == 10002 || code == 10004) {
            return ErrorName.COLUMN_NOT_FOUND;
        }
        if (state.equals("42601") || message.contains("ParseException") || message.contains("PARSE_SYNTAX_ERROR")) {
            return ErrorName.SYNTAX_ERROR;
        }
        if (code >= 10_000 && code < 20_000 || message.contains("SemanticException") || message.contains("AnalysisException")) {
            return ErrorName.SEMANTIC_ERROR;
        }
        if (code >= 20_000 && code < 30_000 || message.startsWith("Execution Error") || message.contains("HiveException")
                || String.valueOf(failure.getMessage()).startsWith("Error while processing statement")) {
            return ErrorName.QUERY_FAILED;
        }
        return ErrorName.SERVER_ERROR;
    }

    /** The driver wraps a broken Thrift transport as SQLState 08S01 with the transport failure as cause. */
    private static boolean isConnectionLost(SQLException failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof SocketTimeoutException
                    || cause.getClass().getSimpleName().equals("TTransportException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAuthentication(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("peer indicated failure") || lower.contains("error validating the login")
                || lower.contains("authentication failed") || lower.contains("401");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String scrub(String text, Optional<String> password) {
        return password.filter(p -> !p.isEmpty()).map(p -> text.replace(p, "****")).orElse(text);
    }

    /** The cause to attach, unless its messages or stack text carry the password (then none). */
    private static Throwable safeCause(Throwable failure, Optional<String> password) {
        if (password.filter(p -> !p.isEmpty()).isEmpty()) {
            return failure;
        }
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString().contains(password.get()) ? null : failure;
    }
}
