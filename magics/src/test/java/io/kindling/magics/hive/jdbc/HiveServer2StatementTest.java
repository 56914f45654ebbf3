package io.kindling.magics.hive.jdbc;

import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.jdbc.ResultReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cancelling statements and streaming results into Parquet, against the real local HiveServer2. Waits are
 * hang guards only: no assertion depends on how long anything takes.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HiveServer2StatementTest {
    /** Generous: the shared machine may be busy. Only ever a guard against hanging. */
    private static final long HANG_GUARD_SECONDS = 300;
    /** The stack frame of Hive's reflect() UDF, which the slow statement below sleeps in. */
    private static final String REFLECT_FRAME = "GenericUDFReflect";

    private static HiveServer2Profile profile;
    private static String database;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTables() {
        profile = HiveTestData.profile();
        database = HiveTestData.database();
    }

    @Test
    void cancelStopsALongStatementOnTheServer() throws Exception {
        // No fetch-task shortcut: the sleep then runs in a MapReduce task while the statement is RUNNING.
        HiveServer2Profile mapReduce = new HiveServer2Profile("mr", profile.url(), "kindling", profile.password(),
                Map.of("hive.fetch.task.conversion", "none"), 100);
        try (HiveServer2Connection hive = HiveServer2Connection.open(mapReduce, Map.of());
             HiveServer2Statement statement = hive.statement()) {
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    statement.execute("SELECT reflect('java.lang.Thread', 'sleep', CAST(3600000 AS BIGINT)) FROM " + database + ".one_row");
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            awaitServerThreads(frames -> frames.contains(REFLECT_FRAME), outcome, "the server to run the sleeping task");

            statement.cancel();

            Throwable failure = outcome.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("INTERRUPTED"))
                    .hasMessageStartingWith("cancelled: the statement was cancelled on HiveServer2 at " + profile.address());
            awaitServerThreads(frames -> !frames.contains(REFLECT_FRAME), null, "the server to stop the sleeping task");
            assertThatThrownBy(() -> statement.execute("SELECT 1")).hasMessageStartingWith("cancelled:");
            // the session goes on with a new statement
            try (HiveServer2Statement next = hive.statement()) {
                next.execute("SELECT 1 AS one");
                assertThat(next.read(1, ResultReader.RowProgress.NONE).dataFrame().getColumn("one").toList()).containsExactly(1);
            }
        }
    }

    @Test
    void streamsRowsIntoAParquetFile() throws IOException {
        Path target = dir.resolve("out/rides.parquet");
        ParquetOutput output;
        try (HiveServer2Connection hive = HiveServer2Connection.open(profile, Map.of());
             HiveServer2Statement statement = hive.statement()) {
            statement.execute("SELECT * FROM " + database + ".rides ORDER BY id");
            output = statement.writeParquet(target);
        }

        assertThat(output.path()).isEqualTo(target.toAbsolutePath());
        assertThat(output.rows()).isEqualTo(5);
        assertThat(output.bytes()).isEqualTo(Files.size(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("rides.parquet");
        }
        MessageType schema;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(target))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
            assertThat(reader.getRecordCount()).isEqualTo(5);
        }
        assertThat(schema.getFields()).extracting(f -> f.getName()).containsExactly("id", "km", "fare", "rider", "tags", "started",
                "ok", "small", "day");
        assertThat(schema.getType("id").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getType("fare").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(2, 10));
        assertThat(schema.getType("rider").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("started").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("small").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.intType(8, true));
        assertThat(schema.getType("day").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());

        List<Group> rows = readBack(target);
        assertThat(rows).hasSize(5);
        Group first = rows.get(0);
        assertThat(first.getLong("id", 0)).isEqualTo(1L);
        assertThat(first.getDouble("km", 0)).isEqualTo(4.25);
        assertThat(first.getLong("fare", 0)).isEqualTo(1250L);            // unscaled, scale 2
        assertThat(first.getString("rider", 0)).isEqualTo("ann");
        assertThat(first.getString("tags", 0)).isEqualTo("[\"a\",\"b\"]");
        assertThat(first.getLong("started", 0)).isEqualTo(micros(LocalDateTime.of(2024, 1, 2, 8, 15, 0, 123_456_000)));
        assertThat(first.getBoolean("ok", 0)).isTrue();
        assertThat(first.getInteger("small", 0)).isEqualTo(1);
        assertThat(first.getInteger("day", 0)).isEqualTo((int) LocalDate.of(2024, 1, 2).toEpochDay());
        Group third = rows.get(2);
        assertThat(third.getFieldRepetitionCount("rider")).isZero();      // NULL
        assertThat(third.getFieldRepetitionCount("fare")).isOne();
        assertThat(rows.get(1).getFieldRepetitionCount("fare")).isZero();
    }

    @Test
    void aStreamThatFailsLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("failed.parquet");
        // Without fetch-task caching (Hive 4 computes a fetch task's rows while executing it by default),
        // rows are computed as they are fetched, 2 at a time: the statement starts fine and fails mid-stream.
        HiveServer2Profile lazy = new HiveServer2Profile("lazy", profile.url(), "kindling", profile.password(),
                Map.of("hive.fetch.task.caching", "false"), 2);
        try (HiveServer2Connection hive = HiveServer2Connection.open(lazy, Map.of());
             HiveServer2Statement statement = hive.statement()) {
            // a fetch task: no ORDER BY, which would take a MapReduce job
            assertThat(statement.execute("SELECT id, assert_true(id < 3) AS checked FROM " + database + ".rides")).isTrue();

            assertThatThrownBy(() -> statement.writeParquet(target))
                    .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("QUERY_FAILED"));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static List<Group> readBack(Path file) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
                .withConf(new Configuration()).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static long micros(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1_000;
    }

    /**
     * Waits until the server JVM's thread dump ({@code jcmd <pid> Thread.print}) satisfies {@code condition}:
     * what the server runs, seen from outside the protocol. Fails early if {@code statement} ended first.
     */
    private static void awaitServerThreads(Predicate<String> condition, CompletableFuture<Throwable> statement, String what)
            throws InterruptedException {
        long pid = LocalHiveServer2.pid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_GUARD_SECONDS);
        while (!condition.test(threadDump(pid))) {
            if (statement != null && statement.isDone()) {
                throw new AssertionError("the statement ended before " + what + ": " + statement.join());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + HANG_GUARD_SECONDS + " s");
            }
            Thread.sleep(500);
        }
    }

    private static String threadDump(long pid) {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("jcmd " + pid + " Thread.print failed:\n" + dump);
            }
            return dump;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
