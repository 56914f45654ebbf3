package io.kindling.magics.hive.jdbc;

import io.kindling.magics.config.Secret;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;
import io.kindling.magics.table.jdbc.ReadResult;
import io.kindling.magics.table.jdbc.ResultReader;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Sessions, statements, results and errors against the real local HiveServer2 ({@link LocalHiveServer2}).
 * No assertion depends on how long anything takes; timeouts are hang guards only.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class HiveServer2ConnectionTest {
    private static HiveServer2Profile profile;
    private static String database;

    @BeforeAll
    static void createTables() {
        profile = HiveTestData.profile();
        database = HiveTestData.database();
    }

    @Test
    void selectsAPartitionedParquetTableIntoTypedColumns() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (HiveServer2Connection hive = HiveServer2Connection.open(profile, Map.of());
             HiveServer2Statement statement = hive.statement()) {
            assertThat(statement.execute("SELECT * FROM " + database + ".rides ORDER BY id", log::add)).isTrue();
            ReadResult result = statement.read(1_000, ResultReader.RowProgress.NONE);

            assertThat(result.rows()).isEqualTo(5);
            assertThat(result.truncated()).isFalse();
            // Plain labels (not rides.id): the session's hive.resultset.use.unique.column.names=false.
            assertThat(result.columnTypes()).containsExactly(Map.entry("id", Long.class), Map.entry("km", Double.class),
                    Map.entry("fare", BigDecimal.class), Map.entry("rider", String.class), Map.entry("tags", String.class),
                    Map.entry("started", LocalDateTime.class), Map.entry("ok", Boolean.class), Map.entry("small", Integer.class),
                    Map.entry("day", LocalDate.class));
            DataFrame rides = result.dataFrame();
            assertThat(rides.getColumn("id").toList()).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(rides.getColumn("fare").toList()).containsExactly(new BigDecimal("12.50"), null, new BigDecimal("3.10"),
                    new BigDecimal("4.00"), new BigDecimal("5.00"));
            assertThat(rides.getColumn("tags").toList()).containsExactly("[\"a\",\"b\"]", "[\"b\"]", null, "[\"c\"]", "[\"d\"]");
            assertThat(rides.getColumn("started").get(0)).isEqualTo(LocalDateTime.of(2024, 1, 2, 8, 15, 0, 123_456_789));
            assertThat(rides.getColumn("small").toList()).containsExactly(1, -2, null, 4, 5);
            assertThat(rides.getColumn("day").toList()).containsExactly(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 2),
                    LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 3));
            assertThat(statement.queryId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        }
        assertThat(log).anySatisfy(line -> assertThat(line).contains("Compiling command"));
    }

    @Test
    void followsTheOperationLogOfAMapReduceJob() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (HiveServer2Connection hive = HiveServer2Connection.open(profile, Map.of());
             HiveServer2Statement statement = hive.statement()) {
            assertThat(statement.followsOperationLog()).isTrue();
            statement.execute("SELECT day, count(*) AS n FROM " + database + ".rides GROUP BY day", log::add);
            DataFrame counts = statement.read(10, ResultReader.RowProgress.NONE).dataFrame();

            assertThat(counts.getColumn("n").toList()).containsExactlyInAnyOrder(2L, 3L);
        }
        assertThat(log).anySatisfy(line -> assertThat(line).contains("Launching Job 1 out of 1"));
        assertThat(log).anySatisfy(line -> assertThat(line).contains("map = 100%"));
    }

    @Test
    void capsTheRowsItReads() {
        try (HiveServer2Connection hive = HiveServer2Connection.open(profile, Map.of());
             HiveServer2Statement statement = hive.statement()) {
            statement.execute("SELECT id FROM " + database + ".rides ORDER BY id");
            ReadResult result = statement.read(3, ResultReader.RowProgress.NONE);

            assertThat(result.truncated()).isTrue();
            assertThat(result.dataFrame().getColumn("id").toList()).containsExactly(1L, 2L, 3L);
            // the session goes on
            statement.execute("SELECT count(*) AS n FROM " + database + ".one_row");
            assertThat(statement.read(10, ResultReader.RowProgress.NONE).dataFrame().getColumn("n").toList()).containsExactly(1L);
        }
    }

    @Test
    void aMissingTableIsAnErrorAtItsPosition() {
        try (HiveServer2Connection hive = HiveServer2Connection.open(profile, Map.of());
             HiveServer2Statement statement = hive.statement()) {
            assertThatThrownBy(() -> statement.execute("SELECT * FROM nope"))
                    .isInstanceOfSatisfying(HiveServer2Error.class, e -> {
                        assertThat(e.errorName()).isEqualTo("TABLE_NOT_FOUND");
                        assertThat(e.getMessage()).isEqualTo("SemanticException [Error 10001]: Line 1:14 Table not found 'nope'");
                        assertThat(e.statementPosition()).contains(new SourcePosition(1, 15));
                    });
            assertThatThrownBy(() -> statement.execute("SELECT id,\n       nope_col\nFROM " + database + ".rides"))
                    .isInstanceOfSatisfying(HiveServer2Error.class, e -> {
                        assertThat(e.errorName()).isEqualTo("COLUMN_NOT_FOUND");
                        assertThat(e.reason()).startsWith("Invalid table alias or column reference 'nope_col'");
                        assertThat(e.statementPosition()).contains(new SourcePosition(2, 8));
                    });
            assertThatThrownBy(() -> statement.execute("SELECT 1 FROM"))
                    .isInstanceOfSatisfying(HiveServer2Error.class, e -> assertThat(e.errorName()).isEqualTo("SYNTAX_ERROR"));
        }
    }

    @Test
    void aServerThatIsDownFailsAtOnceNamingItsAddress() throws Exception {
        try (RefusingPort refusing = new RefusingPort()) {
            int closedPort = refusing.port();
            HiveServer2Profile down = new HiveServer2Profile("down", "jdbc:hive2://127.0.0.1:" + closedPort + "/default", "kindling",
                    Optional.empty(), Map.of(), 100);

            assertThatThrownBy(() -> HiveServer2Connection.open(down, Map.of()))
                    .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("CONNECTION_REFUSED"))
                    .hasMessage("cannot connect to HiveServer2 at 127.0.0.1:" + closedPort + " (profile 'down', user kindling):"
                            + " connection refused; is the server running?");
        }
    }

    /**
     * A loopback port that refuses connections for as long as this is open: bound, never listening, so no
     * other process of a busy machine can start listening on it in the meantime (a closed port could be taken).
     */
    private static final class RefusingPort implements AutoCloseable {
        private final java.net.Socket socket = new java.net.Socket();

        RefusingPort() throws java.io.IOException {
            socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @Test
    void thePasswordStaysOutOfErrorsAndLogs() throws Exception {
        String password = "pw-" + Long.toString(System.nanoTime(), 36);
        Map<String, String> environment = Map.of("HS2_TEST_PASSWORD", password);
        RefusingPort refusing = new RefusingPort();
        int closedPort = refusing.port();
        HiveServer2Profile down = new HiveServer2Profile("down", "jdbc:hive2://127.0.0.1:" + closedPort + "/default", "kindling",
                Optional.of(Secret.fromEnvironment("HS2_TEST_PASSWORD")), Map.of(), 100);
        // HiveServer2 without authentication takes any password (PLAIN SASL), so the real server gets one too.
        HiveServer2Profile up = new HiveServer2Profile("up", profile.url(), "kindling",
                Optional.of(Secret.fromEnvironment("HS2_TEST_PASSWORD")), Map.of(), 100);

        try (refusing; CapturedLogs logs = new CapturedLogs("org.apache.kyuubi")) {
            Throwable refused = catchThrowable(() -> HiveServer2Connection.open(down, environment));
            Throwable rejected;
            try (HiveServer2Connection hive = HiveServer2Connection.open(up, environment);
                 HiveServer2Statement statement = hive.statement()) {
                rejected = catchThrowable(() -> statement.execute("SELECT * FROM nope"));
            }

            assertThat(refused).isInstanceOf(MagicError.class);
            assertThat(rejected).isInstanceOf(HiveServer2Error.class);
            assertThat(fullText(refused)).doesNotContain(password);
            assertThat(fullText(rejected)).doesNotContain(password);
            assertThat(down.toString() + down.describe() + up).doesNotContain(password);
            // The driver logs through the kernel's SLF4J and Log4j (its own loader shares org.slf4j), without the password.
            assertThat(logs.text()).contains("Failed to connect to 127.0.0.1:" + closedPort).doesNotContain(password);
        }
    }

    @Test
    void aMissingSecretIsNamed() {
        HiveServer2Profile profile = new HiveServer2Profile("p", HiveServer2ConnectionTest.profile.url(), "kindling",
                Optional.of(Secret.fromEnvironment("NO_SUCH_VARIABLE_HS2")), Map.of(), 100);

        assertThatThrownBy(() -> HiveServer2Connection.open(profile, Map.of()))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("MISSING_SECRET"))
                .hasMessage("profile 'p': environment variable NO_SUCH_VARIABLE_HS2 is not set");
    }

    @Test
    void aConfTheServerRejectsFailsTheConnect() {
        HiveServer2Profile profile = new HiveServer2Profile("p", HiveServer2ConnectionTest.profile.url(), "kindling",
                Optional.empty(), Map.of("hive.exec.dynamic.partition.mode", "sideways"), 100);

        assertThatThrownBy(() -> HiveServer2Connection.open(profile, Map.of()))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("BAD_PROFILE"))
                .hasMessageStartingWith("profile 'p': HiveServer2 at " + profile.address()
                        + " rejected conf hive.exec.dynamic.partition.mode: ");
    }

    private static String fullText(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void theConnectTimeoutGoesAmongTheDriverSettings() {
        Duration ten = Duration.ofSeconds(10);
        assertThat(HiveServer2Connection.connectUrl("jdbc:hive2://h:1/db", ten)).isEqualTo("jdbc:hive2://h:1/db;connectTimeout=10000");
        assertThat(HiveServer2Connection.connectUrl("jdbc:hive2://h:1", ten)).isEqualTo("jdbc:hive2://h:1/;connectTimeout=10000");
        assertThat(HiveServer2Connection.connectUrl("jdbc:hive2://h:1/db;ssl=true?hive.a=1#v=2", ten))
                .isEqualTo("jdbc:hive2://h:1/db;ssl=true;connectTimeout=10000?hive.a=1#v=2");
        assertThat(HiveServer2Connection.connectUrl("jdbc:hive2://h:1/db;connectTimeout=500", ten))
                .isEqualTo("jdbc:hive2://h:1/db;connectTimeout=500");
    }
}
