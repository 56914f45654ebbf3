package io.kindling.magics.hive.jdbc;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.jdbc.ReadResult;
import io.kindling.magics.table.jdbc.ResultReader;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One statement on a HiveServer2 session: run SQL while following its operation log, read its rows into
 * DFLib (capped) or stream them into a Parquet file, and cancel it from another thread.
 * <pre>{@code
 * HiveServer2Statement statement = connection.statement();
 * try (Cancellation.Registration r = context.cancellation().onCancel(statement::cancel)) {
 *     if (statement.execute(sql, line -> progress.update(line))) {
 *         ReadResult result = statement.read(limit, ResultReader.RowProgress.NONE);
 *         // or: ParquetOutput out = statement.writeParquet(Path.of("rides.parquet"));
 *     }
 * }
 * }</pre>
 * Every failure is a {@link MagicError}: {@link HiveServer2Error} (with the server's position) for SQL
 * the server rejected or failed, {@code INTERRUPTED} ("cancelled: ...") once {@link #cancel()} was called.
 */
public final class HiveServer2Statement implements AutoCloseable {
    /** How often the operation log is polled while a statement runs. */
    static final Duration LOG_INTERVAL = Duration.ofMillis(500);
    private static final long CANCEL_POLL_MILLIS = 50;

    private final HiveServer2Profile profile;
    private final Statement statement;
    private final Object lock = new Object();
    /** Set once by {@link #cancel()}; every later call fails as cancelled. */
    private volatile boolean cancelled;
    /** True from {@link #execute} until its rows are read or written (or it failed). */
    private volatile boolean active;
    private volatile String queryId;
    private ResultSet results;      // guarded by lock

    HiveServer2Statement(HiveServer2Profile profile, Statement statement) {
        this.profile = requireNonNull(profile, "profile is null");
        this.statement = requireNonNull(statement, "statement is null");
    }

    /** Runs {@code sql} without following its log; see {@link #execute(String, Consumer)}. */
    public boolean execute(String sql) {
        return execute(sql, null);
    }

    /**
     * Runs one statement (no trailing {@code ;}) and waits for the server to finish it.
     *
     * @param operationLog hears the server's log lines for the statement while it runs (on another
     *                     thread) and its last lines before this returns; null for none
     * @return whether it produced rows, to take with {@link #read} or {@link #writeParquet}
     */
    public boolean execute(String sql, Consumer<String> operationLog) {
        requireNonNull(sql, "sql is null");
        closeResults();
        active = true;      // before the check: a cancel() racing with it then either fails it here or waits for the handle
        if (cancelled) {
            active = false;
            throw HiveServer2Failures.cancelled(profile, Optional.empty(), null);
        }
        boolean hasRows = false;
        OperationLog log = operationLog == null ? null : OperationLog.follow(statement, operationLog, LOG_INTERVAL);
        try {
            hasRows = statement.execute(sql);
            if (hasRows) {
                synchronized (lock) {
                    results = statement.getResultSet();
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            active = hasRows && !cancelled;
            if (log != null) {
                log.close();    // the last lines, before execute returns
            }
        }
        queryId = invoke("getQueryId").map(String::valueOf).orElse(null);
        if (cancelled) {
            closeResults();
            throw HiveServer2Failures.cancelled(profile, queryId(), null);
        }
        return hasRows;
    }

    /**
     * Reads the rows of the last {@link #execute} into DFLib, at most {@code maxRows} of them ({@link
     * ReadResult#truncated()} says when there were more; the rest are then dropped on the server).
     * Types follow {@link HiveTypes}.
     */
    public ReadResult read(long maxRows, ResultReader.RowProgress progress) {
        ResultReader reader = new ResultReader(new HiveTypes(), maxRows);
        try (ResultSet rows = takeResults()) {
            return reader.read(HiveResultSets.withJavaTime(rows), progress);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            active = false;
        }
    }

    /**
     * Streams the rows of the last {@link #execute} into a Parquet file at {@code target}, never holding
     * more than one row; see {@link ParquetResultWriter} for the staging and the types.
     */
    public ParquetOutput writeParquet(Path target) {
        try (ResultSet rows = takeResults()) {
            return ParquetResultWriter.write(HiveResultSets.withJavaTime(rows), target);
        } catch (SQLException e) {
            throw failure(e);
        } catch (IOException e) {
            if (cancelled) {
                throw HiveServer2Failures.cancelled(profile, queryId(), e);
            }
            throw new MagicError(ErrorName.OUTPUT_UNWRITABLE, "cannot write " + target + ": " + e.getMessage(), List.of(), e);
        } finally {
            active = false;
        }
    }

    /**
     * Cancels the statement on the server, from any thread (the cell's interrupt); returns at once. The
     * running {@link #execute}, {@link #read} or {@link #writeParquet} then fails with an {@code
     * INTERRUPTED} "cancelled" error. A statement that has not reached the server yet is cancelled as soon
     * as the server has its handle (the driver would otherwise drop a cancel that comes too early).
     */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        Thread canceller = new Thread(this::cancelOnServer, "hiveserver2-cancel");
        canceller.setDaemon(true);
        canceller.start();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** The server's id of the last statement (e.g. {@code hive_20261202181532_b033...}), when the server says. */
    public Optional<String> queryId() {
        return Optional.ofNullable(queryId);
    }

    /** Whether the driver can follow a statement's operation log (Kyuubi's can). */
    public boolean followsOperationLog() {
        return OperationLog.supported(statement);
    }

    /** Closes the statement and its rows; the server drops the operation. */
    @Override
    public void close() {
        closeResults();
        active = false;
        try {
            statement.close();
        } catch (SQLException | RuntimeException e) {
            // the session may be gone already
        }
    }

    private void cancelOnServer() {
        try {
            // Kyuubi's statement only has a server handle once ExecuteStatement returned (after compiling);
            // a cancel before that is a no-op it remembers, so wait for the handle (a local check).
            while (active && !hasServerHandle()) {
                Thread.sleep(CANCEL_POLL_MILLIS);
            }
            if (!active) {
                return;
            }
            if (queryId == null) {
                queryId = invoke("getQueryId").map(String::valueOf).orElse(null);
            }
            statement.cancel();
        } catch (SQLException | RuntimeException e) {
            // finished meanwhile, or the session is gone: the statement's own thread reports what happened
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the driver holds the server's operation handle (Kyuubi: getYarnATSGuid is its base64, no RPC). */
    private boolean hasServerHandle() {
        try {
            Method handle = statement.getClass().getMethod("getYarnATSGuid");
            return handle.invoke(statement) != null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;    // another driver: cancel right away
        }
    }

    private ResultSet takeResults() {
        if (cancelled) {
            closeResults();
            active = false;
            throw HiveServer2Failures.cancelled(profile, queryId(), null);
        }
        synchronized (lock) {
            if (results == null) {
                throw new IllegalStateException("no rows to read: the last statement produced none, or they were read already");
            }
            ResultSet taken = results;
            results = null;
            return taken;
        }
    }

    private void closeResults() {
        ResultSet open;
        synchronized (lock) {
            open = results;
            results = null;
        }
        if (open != null) {
            try {
                open.close();
            } catch (SQLException | RuntimeException e) {
                // dropped with the operation
            }
        }
    }

    private MagicError failure(SQLException e) {
        if (cancelled) {
            return HiveServer2Failures.cancelled(profile, queryId(), e);
        }
        return HiveServer2Failures.statementFailure(e, profile);
    }

    /** A public no-argument method of the driver's statement class (it lives in another class loader). */
    private Optional<Object> invoke(String method) {
        try {
            return Optional.ofNullable(statement.getClass().getMethod(method).invoke(statement));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
