package io.kindling.magics.presto;

import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.RecordingMagicContext;
import io.kindling.magics.magic.RecordingMagicContext.Binding;
import io.kindling.magics.magic.SourcePosition;
import org.dflib.DataFrame;
import io.kindling.magics.table.NotebookTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Clock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code %%presto} in process against the real local Trino ({@link LocalTrino}), through a recording
 * context instead of a kernel: what gets bound, shown and refused.
 */
class PrestoMagicTest {
    private static final String HOSTILE = "x'; DROP TABLE t; --";
    /** How long to wait for the server to reach a state: far more than it needs, even on a busy machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path home;          // no profiles file: the one profile comes from the environment below

    private static PrestoSession session;

    @BeforeAll
    static void connect() {
        session = new PrestoSession(Map.of(TrinoProfiles.ENV_SERVER, LocalTrino.url(),
                TrinoProfiles.ENV_USER, "kindling-test"), home);
    }

    private static Optional<Object> run(PrestoMagic magic, String line, String body, RecordingMagicContext context)
            throws Exception {
        return magic.run(MagicArgumentParser.parse(magic.spec(), line), body, context);
    }

    private static Optional<Object> run(String line, String body, RecordingMagicContext context) throws Exception {
        return run(new PrestoMagic(session, new NotebookTables(Clock.systemUTC()), PrestoMagic.DEFAULT_MAX_ROWS), line, body, context);
    }

    private static String summary(RecordingMagicContext context) {
        return String.valueOf(context.liveDisplays().get(context.liveDisplays().size() - 1).current());
    }

    @Test
    void bindsTheResultAsADataFrameAndShowsIt() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext();

        Optional<Object> shown = run("africa", "SELECT nationkey, name FROM tpch.tiny.nation WHERE regionkey = 0 ORDER BY nationkey",
                context);

        assertThat(context.bindings()).hasSize(1);
        Binding binding = context.bindings().get(0);
        assertThat(binding.name()).isEqualTo("africa");
        assertThat(binding.javaType()).isEqualTo("org.dflib.DataFrame");
        DataFrame africa = (DataFrame) binding.value();
        assertThat(africa.getColumnsIndex().toArray()).containsExactly("nationkey", "name");
        assertThat(africa.getColumn("nationkey").toList()).containsExactly(0L, 5L, 14L, 15L, 16L);
        assertThat(africa.getColumn("name").toList()).containsExactly("ALGERIA", "ETHIOPIA", "KENYA", "MOROCCO", "MOZAMBIQUE");
        assertThat(shown).containsSame(africa);
        assertThat(context.lookup("africa")).containsSame(africa);
        assertThat(summary(context)).startsWith("5 rows · ");
    }

    @Test
    void unnamedResultIsBoundToTheDefaultTarget() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext();

        run("", "SELECT 42 AS answer", context);

        assertThat(context.bindings()).extracting(Binding::name).containsExactly(PrestoMagic.DEFAULT_TARGET);
        assertThat(summary(context)).startsWith("1 row · ");
    }

    @Test
    void parametersAreBoundIncludingACollection() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext()
                .set("region", 1L).set("keys", List.of(1L, 2L, 3L, 24L)).set("t", "nation");

        run("picked", "SELECT name FROM tpch.tiny.{t:identifier}\nWHERE regionkey = {region} AND nationkey IN ({keys})\nORDER BY name",
                context);

        DataFrame picked = (DataFrame) context.bindings().get(0).value();
        assertThat(picked.getColumn("name").toList()).containsExactly("ARGENTINA", "BRAZIL", "CANADA", "UNITED STATES");
    }

    @Test
    void hostileStringIsOneValueInOneStatement() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext().set("evil", HOSTILE);

        run("echo", "SELECT {evil} AS s, length({evil}) AS n", context);

        assertThat(context.bindings()).hasSize(1);
        DataFrame echo = (DataFrame) context.bindings().get(0).value();
        assertThat(echo.height()).isEqualTo(1);
        assertThat(echo.getColumn("s").get(0)).isEqualTo(HOSTILE);
        assertThat(echo.getColumn("n").get(0)).isEqualTo(20L);
        assertThat(summary(context)).startsWith("1 row · ");
    }

    @Test
    void runsEveryStatementAndBindsTheLastResult() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext();

        run("last", "SELECT ';' AS a; -- ; not a statement\nSELECT 2 AS b /* ; */;\n", context);

        assertThat(context.bindings()).extracting(Binding::name).containsExactly("last", "last");
        DataFrame first = (DataFrame) context.bindings().get(0).value();
        DataFrame last = (DataFrame) context.lookup("last").orElseThrow();
        assertThat(first.getColumn("a").get(0)).isEqualTo(";");
        assertThat(last.getColumnsIndex().toArray()).containsExactly("b");
        assertThat(last.getColumn("b").get(0)).isEqualTo(2);
        assertThat(context.liveDisplays()).hasSize(2);
    }

    @Test
    void trinoErrorWithBoundParametersKeepsItsNameAndPosition() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext().set("keys", List.of(1L, 2L));
        String body = "SELECT 1;\nSELECT nationkey FROM tpch.tiny.nation WHERE nationkey IN ({keys}) AND nosuch = 1";

        MagicError error = catchThrowableOfType(() -> run("x", body, context), MagicError.class);

        assertThat(error.errorName()).isEqualTo("COLUMN_NOT_FOUND");
        assertThat(error.getMessage()).isEqualTo("line 3:72: Column 'nosuch' cannot be resolved");
        assertThat(context.bindings()).extracting(Binding::name).containsExactly("x");    // the first statement's
        assertPointsAt(error, 3, 72, "SELECT nationkey FROM tpch.tiny.nation WHERE nationkey IN ({keys}) AND nosuch = 1");
        assertThat(summary(context)).as("the failed statement's progress line is removed: the error says it all").isEmpty();
    }

    @Test
    void trinoErrorAfterAParameterOnTheFirstLine() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext().set("region", 1L);
        String line = "SELECT name FROM tpch.tiny.nation WHERE regionkey = {region} AND nosuch = 1";

        MagicError error = catchThrowableOfType(() -> run("x", line, context), MagicError.class);

        assertThat(error.errorName()).isEqualTo("COLUMN_NOT_FOUND");
        assertPointsAt(error, 2, 66, line);
    }

    @Test
    void trinoErrorOnALaterLineThanACollectionParameter() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext().set("keys", List.of(1L, 2L, 3L));
        String body = "SELECT 1;\nSELECT name\n  FROM tpch.tiny.nation\n WHERE nationkey IN ({keys})\n   AND nosuch = 1";

        MagicError error = catchThrowableOfType(() -> run("x", body, context), MagicError.class);

        assertThat(error.errorName()).isEqualTo("COLUMN_NOT_FOUND");
        assertPointsAt(error, 6, 8, "   AND nosuch = 1");
    }

    @Test
    void trinoErrorAfterACollectionParameterOnALaterLine() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext().set("keys", List.of(1L, 2L, 3L));
        String body = "SELECT name\n  FROM tpch.tiny.nation\n WHERE nationkey IN ({keys}) AND nosuch = 1";

        MagicError error = catchThrowableOfType(() -> run("x", body, context), MagicError.class);

        assertThat(error.errorName()).isEqualTo("COLUMN_NOT_FOUND");
        assertPointsAt(error, 4, 34, " WHERE nationkey IN ({keys}) AND nosuch = 1");
    }

    @Test
    void syntaxErrorAfterAParameter() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext().set("region", 1L);
        String line = "SELECT name FROM tpch.tiny.nation WHERE regionkey = {region} AND FROM";

        MagicError error = catchThrowableOfType(() -> run("x", line, context), MagicError.class);

        assertThat(error.errorName()).isEqualTo("SYNTAX_ERROR");
        assertThat(error.getMessage()).startsWith("line 2:66: mismatched input 'FROM'");
        assertPointsAt(error, 2, 66, line);
    }

    @Test
    void trinoErrorAfterDoubledQuotesAndAnEmojiWithAParameter() throws Exception {
        // The statement goes inside a quoted literal with its quotes doubled, and Trino counts code points:
        // neither may move the caret. The emoji is two Java chars, so the cell column is one more than Trino's.
        RecordingMagicContext context = new RecordingMagicContext().set("region", 1L);
        String line = "SELECT 'it''s \uD83D\uDE00' AS s, {region} AS r, nosuch FROM tpch.tiny.nation";

        MagicError error = catchThrowableOfType(() -> run("x", line, context), MagicError.class);

        assertThat(error.errorName()).isEqualTo("COLUMN_NOT_FOUND");
        assertPointsAt(error, 2, 40, line);
    }

    @Test
    void interruptCancelsTheRunningQueryOnTheServer() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext();
        String marker = "cancel-test-" + UUID.randomUUID();
        // Hours of work on this machine: it can only end by being cancelled.
        String sql = "SELECT count(*) AS n, '" + marker + "' AS marker FROM tpch.sf1.lineitem CROSS JOIN tpch.sf1.orders";
        FutureTask<Optional<Object>> cell = new FutureTask<>(() -> run("x", sql, context));
        Thread thread = new Thread(cell, "presto-cancel-test");
        thread.start();
        try (Connection trino = DriverManager.getConnection(LocalTrino.jdbcUrl(), "kindling-test", null)) {
            await("the query to run", cell, () -> queryWith(trino, marker).filter(q -> q.state().equals("RUNNING")));

            context.cancel();

            Throwable failure = catchThrowable(() -> cell.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(SQLException.class);
            QueryRow ended = await("the query to end", null, () -> queryWith(trino, marker).filter(QueryRow::ended));
            assertThat(ended.state()).isEqualTo("FAILED");
            assertThat(ended.errorCode()).isEqualTo("USER_CANCELED");
            assertThat(context.bindings()).isEmpty();
            assertThat(summary(context)).as("the progress line ends cancelled, not RUNNING").startsWith("cancelled · ");
        } finally {
            context.cancel();
            thread.join(WAIT.toMillis());
            killIfRunning(marker);      // if cancel is broken, the cross join must not outlive the test
        }
    }

    /** A row of system.runtime.queries. */
    private record QueryRow(String id, String state, String errorCode) {
        boolean ended() {
            return state.equals("FINISHED") || state.equals("FAILED");
        }
    }

    /** The query whose text holds {@code marker}, not counting this lookup (whose text holds it too). */
    private static Optional<QueryRow> queryWith(Connection trino, String marker) throws SQLException {
        try (Statement lookup = trino.createStatement();
             ResultSet row = lookup.executeQuery("SELECT query_id, state, error_code FROM system.runtime.queries"
                     + " WHERE strpos(query, '" + marker + "') > 0 AND strpos(query, 'system.runtime') = 0")) {
            return row.next() ? Optional.of(new QueryRow(row.getString(1), row.getString(2), row.getString(3))) : Optional.empty();
        }
    }

    private static void killIfRunning(String marker) throws SQLException {
        try (Connection trino = DriverManager.getConnection(LocalTrino.jdbcUrl(), "kindling-test", null)) {
            Optional<QueryRow> query = queryWith(trino, marker);
            if (query.isPresent() && !query.get().ended()) {
                try (Statement kill = trino.createStatement()) {
                    kill.execute("CALL system.runtime.kill_query(query_id => '" + query.get().id() + "', message => 'test cleanup')");
                }
            }
        }
    }

    /**
     * Polls {@code probe} until it finds something, for at most {@link #WAIT}; fails early if {@code cell}
     * (when given) ends first, since then nothing will change.
     */
    private static <T> T await(String what, Future<?> cell, Callable<Optional<T>> probe) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<T> found = probe.call();
            if (found.isPresent()) {
                return found.get();
            }
            if (cell != null && cell.isDone()) {
                throw new AssertionError("the cell ended while waiting for " + what + ": " + cell.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The error is at cell {@code line:column}, and its caret lines show {@code text} with a caret under that column. */
    private static void assertPointsAt(MagicError error, int line, int column, String text) {
        assertThat(error.position()).contains(new SourcePosition(line, column));
        assertThat(error.details().subList(0, 2)).containsExactly(text, " ".repeat(column - 1) + "^");
    }

    @Test
    void trinoErrorOnALaterLineOfAStatement() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext();
        String body = "SELECT 1;\nSELECT nationkey\n  FROM tpch.tiny.nation\n WHERE nosuch = 1";

        MagicError error = catchThrowableOfType(() -> run("x", body, context), MagicError.class);

        assertThat(error.errorName()).isEqualTo("COLUMN_NOT_FOUND");
        assertThat(error.position()).contains(new SourcePosition(5, 8));
        assertThat(error.details().subList(0, 2)).containsExactly(" WHERE nosuch = 1", "       ^");
    }

    @Test
    void unknownVariableIsRefusedWithItsCellPosition() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext().set("region", 1L);

        MagicError error = catchThrowableOfType(() -> run("x", "SELECT *\nFROM tpch.tiny.nation WHERE regionkey = {regoin}", context),
                MagicError.class);

        assertThat(error.errorName()).isEqualTo("UNKNOWN_VARIABLE");
        assertThat(error.position()).contains(new SourcePosition(3, 41));
        assertThat(error.getMessage()).isEqualTo("{regoin} at line 3:41 names no notebook variable (did you mean region?); "
                + "define it in a Java cell first");
        assertThat(context.bindings()).isEmpty();
    }

    @Test
    void tooManyRowsBindsNothing() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext();

        MagicError error = catchThrowableOfType(() -> run(new PrestoMagic(session, new NotebookTables(Clock.systemUTC()), 10), "all", "SELECT * FROM tpch.tiny.nation",
                context), MagicError.class);

        assertThat(error.errorName()).isEqualTo("TOO_MANY_ROWS");
        assertThat(error.getMessage()).startsWith("the result has more than 10 rows, more than a notebook table should hold; nothing was bound.");
        assertThat(context.bindings()).isEmpty();
    }

    @Test
    void limitKeepsTheFirstRowsAndSaysSo() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext();

        run(new PrestoMagic(session, new NotebookTables(Clock.systemUTC()), 10), "first --limit 3", "SELECT nationkey FROM tpch.tiny.nation ORDER BY nationkey", context);

        DataFrame first = (DataFrame) context.bindings().get(0).value();
        assertThat(first.getColumn("nationkey").toList()).containsExactly(0L, 1L, 2L);
        assertThat(summary(context)).startsWith("3 rows (first 3, --limit) · ");
    }
}
