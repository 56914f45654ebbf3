package io.kindling.magics.hive.jdbc;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One session on a HiveServer2-protocol server, opened for a {@link HiveServer2Profile}: connect (within a
 * login timeout), send the profile's {@code conf} as {@code SET key=value}, then hand out statements.
 * <pre>{@code
 * try (HiveServer2Connection hive = HiveServer2Connection.open(profile, System.getenv());
 *      HiveServer2Statement statement = hive.statement()) {
 *     if (statement.execute("SELECT * FROM rides", line -> log(line))) {
 *         DataFrame rides = statement.read(1_000_000, ResultReader.RowProgress.NONE).dataFrame();
 *     }
 * }
 * }</pre>
 * Failures are {@link MagicError}s naming the server's address and the reason ({@code CONNECTION_REFUSED},
 * {@code UNKNOWN_HOST}, {@code TIMEOUT}, {@code AUTHENTICATION_FAILED}, {@code MISSING_SECRET}, ...).
 * The password is read from its source at connect time and goes only to the driver.
 */
public final class HiveServer2Connection implements AutoCloseable {
    /** How long opening a session may take: the TCP connect, the SASL handshake and OpenSession. */
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Set before the profile's own conf (which may override it): result columns named {@code id} rather
     * than Hive's default {@code t.id} for {@code SELECT * FROM t}, as a notebook table wants them.
     */
    static final Map<String, String> DEFAULT_CONF = Map.of("hive.resultset.use.unique.column.names", "false");

    private static final Pattern CONNECT_TIMEOUT = Pattern.compile("(?i)[;]\\s*connectTimeout\\s*=");

    private final HiveServer2Profile profile;
    private final Connection connection;

    private HiveServer2Connection(HiveServer2Profile profile, Connection connection) {
        this.profile = profile;
        this.connection = connection;
    }

    /** Opens a session within {@link #DEFAULT_LOGIN_TIMEOUT}. */
    public static HiveServer2Connection open(HiveServer2Profile profile, Map<String, String> environment) {
        return open(profile, environment, DEFAULT_LOGIN_TIMEOUT);
    }

    /**
     * Opens a session: fails within about {@code loginTimeout} when the server is down, unreachable or
     * does not answer, and with the server's message when it rejects a {@code conf} setting.
     *
     * @param environment where a {@code password_env} secret is read
     */
    public static HiveServer2Connection open(HiveServer2Profile profile, Map<String, String> environment, Duration loginTimeout) {
        requireNonNull(profile, "profile is null");
        requireNonNull(environment, "environment is null");
        Optional<String> password;
        try {
            password = profile.password().map(secret -> secret.reveal(environment));
        } catch (IllegalStateException e) {
            throw new MagicError(ErrorName.MISSING_SECRET, "profile '" + profile.name() + "': " + e.getMessage());
        }
        Properties properties = new Properties();
        properties.setProperty("user", profile.user());
        password.ifPresent(p -> properties.setProperty("password", p));
        Driver driver = HiveJdbcDriver.driver();
        Connection connection = connectWithin(driver, connectUrl(profile.url(), loginTimeout), properties, loginTimeout,
                profile, password);
        try {
            configure(connection, profile);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        return new HiveServer2Connection(profile, connection);
    }

    /** A statement of this session; several may exist, one runs at a time on the server's session. */
    public HiveServer2Statement statement() {
        try {
            Statement statement = connection.createStatement();
            statement.setFetchSize(profile.fetchSize());
            return new HiveServer2Statement(profile, statement);
        } catch (SQLException e) {
            throw HiveServer2Failures.statementFailure(e, profile);
        }
    }

    public HiveServer2Profile profile() {
        return profile;
    }

    /** Closes the server's session; a session the server already dropped closes quietly. */
    @Override
    public void close() {
        closeQuietly(connection);
    }

    /** The URL with a TCP connect timeout unless it sets one ({@code ;connectTimeout=ms} is a driver setting). */
    static String connectUrl(String url, Duration loginTimeout) {
        if (CONNECT_TIMEOUT.matcher(url).find()) {
            return url;
        }
        int settingsEnd = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c, url.indexOf("//") + 2);
            if (at >= 0) {
                settingsEnd = Math.min(settingsEnd, at);
            }
        }
        String setting = ";connectTimeout=" + loginTimeout.toMillis();
        // jdbc:hive2://h:1 has no database part; the driver wants one before session settings
        String head = url.substring(0, settingsEnd);
        if (head.indexOf('/', url.indexOf("//") + 2) < 0) {
            head = head.contains(";") ? head.replaceFirst(";", "/;") : head + "/";
        }
        return head + setting + url.substring(settingsEnd);
    }

    /**
     * The driver's connect on a helper thread, so a server that accepts TCP but never completes the
     * handshake cannot hold the cell: after {@code loginTimeout} (plus a second for the driver's own
     * connect timeout to fire first) the attempt is abandoned, and a session that opens late is closed.
     */
    private static Connection connectWithin(Driver driver, String url, Properties properties, Duration loginTimeout,
                                            HiveServer2Profile profile, Optional<String> password) {
        CompletableFuture<Connection> connecting = new CompletableFuture<>();
        Thread connector = new Thread(() -> {
            try {
                connecting.complete(driver.connect(url, properties));
            } catch (Throwable e) {
                connecting.completeExceptionally(e);
            }
        }, "hiveserver2-connect " + profile.address());
        connector.setDaemon(true);
        connector.start();
        try {
            Connection connection = connecting.get(loginTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            if (connection == null) {
                throw new MagicError(ErrorName.BAD_PROFILE, "profile '" + profile.name() + "': the Hive JDBC driver does not accept "
                        + profile.url());
            }
            return connection;
        } catch (TimeoutException e) {
            connecting.thenAccept(HiveServer2Connection::closeQuietly);
            throw new MagicError(ErrorName.TIMEOUT, "cannot connect to HiveServer2 at " + profile.address() + " (profile '"
                    + profile.name() + "'): no session within " + loginTimeout.toSeconds() + " s; the server accepted the "
                    + "connection but did not answer (wrong port, or TLS/HTTP transport not set in the URL?)");
        } catch (ExecutionException e) {
            throw HiveServer2Failures.connectFailure(e.getCause(), profile, password);
        } catch (InterruptedException e) {
            connecting.thenAccept(HiveServer2Connection::closeQuietly);
            Thread.currentThread().interrupt();
            throw new MagicError(ErrorName.INTERRUPTED, "interrupted while connecting to HiveServer2 at " + profile.address());
        }
    }

    private static void configure(Connection connection, HiveServer2Profile profile) {
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> setting : DEFAULT_CONF.entrySet()) {
                if (!profile.conf().containsKey(setting.getKey())) {
                    try {
                        statement.execute("SET " + setting.getKey() + "=" + setting.getValue());
                    } catch (SQLException e) {
                        // A server that restricts it (hive.conf.restricted.list) keeps its own column labels.
                    }
                }
            }
            for (Map.Entry<String, String> setting : profile.conf().entrySet()) {
                try {
                    statement.execute("SET " + setting.getKey() + "=" + setting.getValue());
                } catch (SQLException e) {
                    throw new MagicError(ErrorName.BAD_PROFILE, "profile '" + profile.name() + "': HiveServer2 at "
                            + profile.address() + " rejected conf " + setting.getKey() + ": " + e.getMessage(), List.of(), e);
                }
            }
        } catch (SQLException e) {
            throw HiveServer2Failures.statementFailure(e, profile);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // the server may already have dropped the session
        }
    }
}
