package io.kindling.magics.hive;

import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.RecordingMagicContext;
import io.kindling.magics.spark.KernelIdentity;
import io.kindling.magics.spark.ReplShipping;
import io.kindling.magics.spark.SparkClusters;
import io.kindling.magics.spark.SparkDefaults;
import io.kindling.magics.table.NotebookTables;
import io.kindling.magics.table.ParquetTable;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code %%hive} in process, on local Spark with Hive support and the real local metastore service
 * (its own JVM, Thrift on loopback), in a directory of the test's own.
 */
class HiveMagicTest {
    @TempDir
    static Path dir;
    private static LocalMetastore metastore;
    private static SparkClusters spark;
    private static HiveOutputs outputs;
    private static HiveMagic magic;

    @BeforeAll
    static void start() throws Exception {
        Path profiles = dir.resolve("profiles.yaml");
        Files.writeString(profiles, """
                spark:
                  local:
                    cores: 1
                    conf: {spark.ui.enabled: "false", spark.sql.shuffle.partitions: "2"}
                hive:
                  profiles:
                    elsewhere:
                      metastore_uris: thrift://127.0.0.1:1
                """);
        Map<String, String> environment = Map.of(ProfilesFile.ENV_PROFILES_FILE, profiles.toString());
        metastore = new LocalMetastore(dir.resolve("hive"), LocalMetastore.thisJava(), Duration.ofMinutes(3));
        ProfilesFile file = ProfilesFile.of(environment, dir);
        HiveCatalog catalog = new HiveCatalog(() -> HiveProfiles.load(file), metastore);
        spark = new SparkClusters(SparkDefaults.lazy(environment, dir), KernelIdentity.ofThisProcess("hive-test"),
                new ReplShipping(dir, List::of, (c, v) -> null), Thread.currentThread().getThreadGroup(), dir, url -> {
                    throw new AssertionError("no Kubernetes in this test");
                }, catalog);
        outputs = new HiveOutputs(Files.createDirectories(dir.resolve("outputs")), dir.resolve("kept"));
        magic = new HiveMagic(spark, catalog, () -> HiveProfiles.load(file), new NotebookTables(Clock.systemUTC()), outputs, 1_000, Map.of());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.shutdown();
        }
        if (metastore != null) {
            metastore.stop();
        }
    }

    private static Optional<Object> run(String line, String body, RecordingMagicContext context) {
        return magic.run(MagicArgumentParser.parse(magic.spec(), line), body, context);
    }

    @Test
    void createsAPartitionedTableInsertsAndWritesTheQueryToParquet() throws Exception {
        RecordingMagicContext ddl = new RecordingMagicContext();
        run("", """
                CREATE DATABASE IF NOT EXISTS rides;
                DROP TABLE IF EXISTS rides.events;
                CREATE TABLE rides.events (ride_id BIGINT, km DOUBLE, subscenario STRING) PARTITIONED BY (day STRING) STORED AS PARQUET;
                INSERT INTO rides.events PARTITION (day) VALUES (1, 2.5, 'a', '2026-01-01'), (2, 4.0, 'b', '2026-01-01'), (3, 1.0, 'a', '2026-01-02')
                """, ddl);
        assertThat(ddl.printed()).contains("INSERT INTO rides.events: 3 rows written").contains("2 partitions");

        RecordingMagicContext query = new RecordingMagicContext().set("wanted", List.of("a"));
        Optional<Object> shown = run("scenarios --show 5", "SELECT ride_id, km, day FROM rides.events\nWHERE subscenario IN ({wanted}) ORDER BY ride_id", query);

        ParquetTable handle = (ParquetTable) query.bindings().get(0).value();
        assertThat(query.bindings().get(0).name()).isEqualTo("scenarios");
        assertThat(shown).containsSame(handle);
        assertThat(handle.rows()).isEqualTo(2);
        assertThat(handle.schemaText()).isEqualTo("ride_id BIGINT,km DOUBLE,day STRING");
        assertThat(handle.preview().getColumn("ride_id").toList()).containsExactly(1L, 3L);
        assertThat(Path.of(handle.location())).isDirectory().startsWith(dir.resolve("outputs"));
        assertThat(handle.dataset(spark.session()).count()).isEqualTo(2);
        // Nothing but the result: no staging directory left beside it.
        try (Stream<Path> siblings = Files.list(Path.of(handle.location()).getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("staging"));
        }

        RecordingMagicContext again = new RecordingMagicContext().set("scenarios", handle);
        run("n --collect", "SHOW PARTITIONS rides.events;\nSELECT count(*) AS n, (SELECT sum(km) FROM scenarios) AS km FROM rides.events", again);
        DataFrame count = (DataFrame) again.bindings().get(0).value();
        assertThat(count.getColumn("n").get(0)).isEqualTo(3L);
        assertThat(count.getColumn("km").get(0)).isEqualTo(3.5);
        assertThat(again.displays()).anySatisfy(d -> assertThat(d.toString()).contains("day=2026-01-02"));
    }

    @Test
    void plotChartsTheBoundResultOnSparkAndNothingWhenTheCellBindsNothing() {
        RecordingMagicContext context = new RecordingMagicContext();
        run("byKind --plot bar:kind,n", "SELECT CAST(id % 3 AS STRING) AS kind, count(*) AS n FROM range(30) GROUP BY 1", context);
        assertThat(context.bindings().get(0).value()).isInstanceOf(ParquetTable.class);
        assertThat(context.displays()).filteredOn(io.kindling.magics.chart.Chart.class::isInstance).singleElement()
                .satisfies(chart -> assertThat(((io.kindling.magics.chart.Chart) chart).draw().text())
                        .startsWith("bar chart, 3 bars: sum of n per kind, by Spark over the files at "));

        run("byKind --plot bar:kind,n", "CREATE DATABASE IF NOT EXISTS plots", context);
        assertThat(context.displays()).filteredOn(io.kindling.magics.chart.Chart.class::isInstance).hasSize(1);
        assertThatThrownBy(() -> run("--plot bar", "SELECT 1", new RecordingMagicContext()))
                .hasMessageContaining("--plot bar: it has no ':'");
    }

    @Test
    void aTyposTableGetsItsCellLineACaretAndTheCatalogsCloseNames() {
        run("", "CREATE DATABASE IF NOT EXISTS shop;\nCREATE TABLE IF NOT EXISTS shop.orders (id INT) STORED AS PARQUET", new RecordingMagicContext());

        assertThatThrownBy(() -> run("", "SELECT 1;\nSELECT id\n  FROM shop.order", new RecordingMagicContext()))
                .isInstanceOf(MagicError.class)
                .hasMessageStartingWith("line 4:8: ")
                .hasMessageContaining("shop.order")
                .hasMessageContaining("shop.orders")
                .satisfies(e -> assertThat(((MagicError) e).details()).startsWith("  FROM shop.order", "       ^--------^"));
    }

    @Test
    void tabCompletesDatabasesTablesAndTheColumnsOfNamedTables() {
        run("", "CREATE DATABASE IF NOT EXISTS shop;\nCREATE TABLE IF NOT EXISTS shop.orders (id INT) STORED AS PARQUET", new RecordingMagicContext());
        var arguments = MagicArgumentParser.parse(magic.spec(), "");

        String tables = "SELECT * FROM shop.or";
        assertThat(magic.complete(arguments, tables, tables.length(), java.util.Set.of()).orElseThrow().matches()).containsExactly("orders");
        String databases = "SELECT * FROM sh";
        assertThat(magic.complete(arguments, databases, databases.length(), java.util.Set.of()).orElseThrow().matches()).contains("shop");
        String columns = "SELECT i FROM shop.orders";
        assertThat(magic.complete(arguments, columns, "SELECT i".length(), java.util.Set.of()).orElseThrow().matches()).contains("id");
    }

    @Test
    void aSyntaxErrorInTheThirdStatementRunsNothing() {
        RecordingMagicContext context = new RecordingMagicContext();
        assertThatThrownBy(() -> run("", "CREATE DATABASE IF NOT EXISTS never_made;\nSELECT 1;\nSELEC 2", context))
                .isInstanceOf(MagicError.class)
                .hasMessageStartingWith("line 4:1: ")
                .satisfies(e -> assertThat(((MagicError) e).errorName()).isEqualTo("PARSE_SYNTAX_ERROR"));
        assertThat(spark.session().catalog().databaseExists("never_made")).isFalse();
    }

    @Test
    void anExistingOutputIsRefusedUnlessOverwritten() throws Exception {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("old.txt"), "old");
        assertThatThrownBy(() -> run("t --out " + out, "SELECT 1 AS one", new RecordingMagicContext()))
                .isInstanceOf(MagicError.class).hasMessageContaining("already exists").hasMessageContaining("--overwrite");

        RecordingMagicContext context = new RecordingMagicContext();
        run("t --out " + out + " --overwrite", "SELECT 1 AS one", context);
        assertThat(out.resolve("old.txt")).doesNotExist();
        assertThat(((ParquetTable) context.bindings().get(0).value()).rows()).isEqualTo(1);
    }

    @Test
    void aCellsConfIsSetForTheCellOnly() {
        RecordingMagicContext context = new RecordingMagicContext();
        run("c --collect --conf spark.sql.shuffle.partitions=7", "SET spark.sql.shuffle.partitions", context);
        assertThat(context.displays()).anySatisfy(d -> assertThat(d.toString()).contains("7"));
        RecordingMagicContext after = new RecordingMagicContext();
        run("c --collect", "SET spark.sql.shuffle.partitions", after);
        assertThat(after.displays()).anySatisfy(d -> assertThat(d.toString()).contains("2").doesNotContain("7"));

        assertThatThrownBy(() -> run("c --conf spark.executor.memory=4g", "SELECT 1", new RecordingMagicContext()))
                .hasMessageContaining("--conf spark.executor.memory").hasMessageContaining("--executors");
    }

    @Test
    void aProfileOnAnotherMetastoreIsRefusedOnTheNotebooksSession() {
        assertThatThrownBy(() -> run("x --profile elsewhere", "SELECT 1", new RecordingMagicContext()))
                .isInstanceOf(MagicError.class).hasMessageContaining("thrift://127.0.0.1:1").hasMessageContaining("elsewhere");
        assertThatThrownBy(() -> run("x --profile elsewher", "SELECT 1", new RecordingMagicContext()))
                .hasMessageContaining("did you mean elsewhere");
    }

    @Test
    void collectRefusesTooManyRowsUnlessLimited() {
        assertThatThrownBy(() -> run("r --collect", "SELECT id FROM range(2000)", new RecordingMagicContext()))
                .isInstanceOf(MagicError.class).hasMessageContaining("more than 1,000 rows");
        RecordingMagicContext context = new RecordingMagicContext();
        run("r --collect --limit 10", "SELECT id FROM range(2000)", context);
        assertThat(((DataFrame) context.bindings().get(0).value()).height()).isEqualTo(10);
    }

    @Test
    void anInterruptCancelsTheWriteAndLeavesNothingThatLooksComplete() throws Exception {
        Path out = dir.resolve("interrupted");
        RecordingMagicContext context = new RecordingMagicContext();
        Thread interrupter = new Thread(() -> {
            // Once the write's job runs (its staging directory exists), the user interrupts.
            while (!stagingExists(out)) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            context.cancel();
        });
        interrupter.setDaemon(true);
        interrupter.start();
        try (var attached = spark.cellStarted(context)) {
            assertThatThrownBy(() -> run("slow --out " + out,
                    "SELECT id FROM range(0, 20000, 1, 4) WHERE reflect('java.lang.Thread', 'sleep', CAST(id % 3 AS BIGINT)) IS NULL", context))
                    .isInstanceOf(MagicError.class).hasMessageContaining("interrupted").hasMessageContaining("nothing was written");
        }
        assertThat(out).doesNotExist();
        assertThat(stagingExists(out)).isFalse();
        assertThat(context.bindings()).isEmpty();
        // The kernel's Spark goes on.
        RecordingMagicContext next = new RecordingMagicContext();
        run("after --collect", "SELECT 1 AS one", next);
        assertThat(next.bindings()).hasSize(1);
    }

    private static boolean stagingExists(Path out) {
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            return siblings.anyMatch(p -> p.getFileName().toString().startsWith("." + out.getFileName() + ".staging-"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aMillionRowsAreWrittenWhole() {
        RecordingMagicContext context = new RecordingMagicContext();
        run("million", "SELECT id, id % 13 AS bucket FROM range(1000000)", context);
        ParquetTable handle = (ParquetTable) context.bindings().get(0).value();
        assertThat(handle.rows()).isEqualTo(1_000_000);
        assertThat(handle.preview().height()).isEqualTo(20);
        assertThat(context.printed()).contains("1,000,000 rows written to file:");
    }

    @Test
    void aStoppedLocalMetastoreIsStartedAgainForTheNextCell() {
        run("", "CREATE DATABASE IF NOT EXISTS survives", new RecordingMagicContext());
        String before = metastore.running().orElseThrow().toString();
        metastore.stop();

        RecordingMagicContext context = new RecordingMagicContext();
        run("dbs --collect", "SHOW DATABASES LIKE 'surv*'", context);

        assertThat(metastore.running()).hasValueSatisfying(uri -> assertThat(uri.toString()).isEqualTo(before));
        assertThat(((DataFrame) context.bindings().get(0).value()).getColumn(0).toList()).containsExactly("survives");
    }

    @Test
    void temporaryResultsAreDeletedAtShutdownAndKeptOnesStay() {
        RecordingMagicContext temporary = new RecordingMagicContext();
        run("t", "SELECT 1 AS one", temporary);
        RecordingMagicContext kept = new RecordingMagicContext();
        run("k --keep", "SELECT 2 AS two", kept);
        Path temporaryPath = Path.of(((ParquetTable) temporary.bindings().get(0).value()).location());
        Path keptPath = Path.of(((ParquetTable) kept.bindings().get(0).value()).location());
        assertThat(keptPath).startsWith(dir.resolve("kept"));

        outputs.shutdown();

        assertThat(temporaryPath).doesNotExist();
        assertThat(keptPath).isDirectory();
    }
}
