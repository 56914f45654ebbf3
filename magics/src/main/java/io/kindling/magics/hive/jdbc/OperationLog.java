package io.kindling.magics.hive.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Follows a running statement's operation log, the lines HiveServer2 writes for it ({@code Compiling
 * command...}, {@code Launching Job 1 out of 1}, {@code Stage-1 map = 50%,  reduce = 0%}), and hands them
 * to a consumer while the statement runs, as Beeline shows them.
 *
 * <p>The lines come from the Kyuubi driver's {@code KyuubiStatement.getExecLog()} (incremental fetches
 * of the operation's log, {@code FetchResults} with the LOG fetch type), called by reflection because the
 * driver lives in its own class loader ({@link HiveJdbcDriver}). A poller thread asks every
 * {@code interval}; the driver serialises its calls on the session, so a poll waits while the statement's
 * own status poll (HiveServer2 long-polls up to 5 s) is on the wire. A driver without the method, or a
 * server that keeps no operation logs ({@code hive.server2.logging.operation.enabled=false}), yields no
 * lines. The consumer runs on the poller thread, and once more on {@link #close()}'s caller for the
 * last lines.
 */
final class OperationLog implements AutoCloseable {
    private static final int MAX_FINAL_FETCHES = 10;

    private final Statement statement;
    private final Method fetch;
    private final Consumer<String> lines;
    private final Thread poller;
    private volatile boolean stopped;

    private OperationLog(Statement statement, Method fetch, Consumer<String> lines, Duration interval) {
        this.statement = statement;
        this.fetch = fetch;
        this.lines = lines;
        this.poller = new Thread(() -> poll(interval), "hiveserver2-operation-log");
        this.poller.setDaemon(true);
    }

    /** Whether {@code statement}'s driver can fetch operation logs. */
    static boolean supported(Statement statement) {
        return method(statement).isPresent();
    }

    /** Starts following {@code statement}'s log; without driver support, a follower that does nothing. */
    static OperationLog follow(Statement statement, Consumer<String> lines, Duration interval) {
        requireNonNull(statement, "statement is null");
        requireNonNull(lines, "lines is null");
        OperationLog log = new OperationLog(statement, method(statement).orElse(null), lines, interval);
        if (log.fetch != null) {
            log.poller.start();
        }
        return log;
    }

    private void poll(Duration interval) {
        try {
            while (!stopped) {
                Thread.sleep(interval.toMillis());
                if (!stopped && fetchOnce() < 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the consumer failed: stop following rather than lose the statement's thread
        }
    }

    /** Stops polling and fetches the lines written since the last poll (the statement's end). */
    @Override
    public void close() {
        if (fetch == null || stopped) {
            return;
        }
        stopped = true;
        try {
            poller.join(Duration.ofSeconds(30).toMillis());   // a poll in flight ends with the driver's call
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (int i = 0; i < MAX_FINAL_FETCHES && fetchOnce() > 0; i++) {
            // until the log has nothing more
        }
    }

    /** Fetches and hands on new lines: their count, or -1 when the log cannot be read any more. */
    private int fetchOnce() {
        List<?> fetched;
        try {
            fetched = (List<?>) fetch.invoke(statement);
        } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
            return -1;      // closed, cancelled, or the session is gone: the statement reports that itself
        }
        for (Object line : fetched) {
            lines.accept(String.valueOf(line));
        }
        return fetched.size();
    }

    private static Optional<Method> method(Statement statement) {
        try {
            Method method = statement.getClass().getMethod("getExecLog");
            return List.class.isAssignableFrom(method.getReturnType()) ? Optional.of(method) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
