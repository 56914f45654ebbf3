package io.kindling.e2e;

import io.kindling.magics.hive.LocalMetastore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code %%fsql} through the installed kernel: a notebook DFLib table joined with a Hive table made by a
 * {@code %%hive} cell, PRINT and YIELD outputs, a hostile {@code {name}} parameter returned as data, and
 * a syntax error with its cell line and caret.
 */
class FsqlKernelTest {
    /** Generous: the first cell starts local Spark and, on a fresh machine, the metastore service. */
    private static final Duration FIRST_CELL = Duration.ofMinutes(5);
    private static JupyterDriver kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        Path profiles = InstalledKernel.profilesWithLocalTrino("fsql-profiles.yaml", """
                spark:
                  local: {cores: 1, conf: {spark.ui.enabled: "false", spark.sql.shuffle.partitions: "2"}}
                """);
        kernel = JupyterDriver.start(InstalledKernel.get(), Map.of("KINDLING_PROFILES", profiles.toString(),
                "KINDLING_HIVE_HOME", InstalledKernel.work().resolve("hive").toString()));
    }

    @AfterAll
    static void stopKernel() throws Exception {
        if (kernel != null) {
            kernel.close();
        }
        new LocalMetastore(InstalledKernel.work().resolve("hive"), List.of(), Duration.ZERO).stop();
    }

    private static JupyterDriver.Execution ok(String code) throws Exception {
        JupyterDriver.Execution cell = kernel.execute(code, FIRST_CELL);
        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        return cell;
    }

    @Test
    void trinoTablesAreReadThroughPrestoAndJoinedOnSpark() throws Exception {
        JupyterDriver.Execution cell = ok("""
                %%fsql
                per_region = SELECT r.name AS region, count(*) AS nations
                    FROM presto.tpch.tiny.nation n JOIN presto.tpch.tiny.region r ON n.regionkey = r.regionkey
                    GROUP BY r.name ORDER BY r.name
                YIELD LOCAL DATAFRAME AS nations_per_region
                """);
        assertThat(cell.stream("stdout")).contains("bound nations_per_region");
        assertThat(kernel.execute("nations_per_region.height() + \" \" + nations_per_region.getColumn(\"region\").get(0) + \" \""
                + " + nations_per_region.getColumn(\"nations\").get(0)").resultText()).isEqualTo("5 AFRICA 5");
    }

    @Test
    void transformCallsACellsMethodOrVariableOnItsRecords() throws Exception {
        ok("""
                record Trip(String region, double km) {}
                record Share(String region, double km, double share) {}
                List<Share> share(List<Trip> trips) {
                    double total = trips.stream().mapToDouble(Trip::km).sum();
                    return trips.stream().map(t -> new Share(t.region(), t.km(), t.km() / total)).toList();
                }
                var trips = List.of(new Trip("north", 1.0), new Trip("north", 3.0), new Trip("south", 2.0));
                """);
        ok("""
                %%fsql
                shares = TRANSFORM trips PREPARTITION BY region USING share
                SELECT region, share FROM shares ORDER BY region, share
                YIELD LOCAL DATAFRAME AS shares
                """);
        assertThat(ok("shares.getColumn(\"share\").toList().toString()").resultText()).isEqualTo("[0.25, 0.75, 1.0]");

        // A variable's record types come from its declaration: the lambda's class has lost them.
        ok("GroupFunction<List<Trip>, List<Share>> half = trips -> trips.stream().map(t -> new Share(t.region(), t.km(), 0.5)).toList();");
        ok("""
                %%fsql
                halves = TRANSFORM trips PREPARTITION BY region USING half
                SELECT region, sum(share) AS total FROM halves GROUP BY region ORDER BY region
                YIELD LOCAL DATAFRAME AS halves
                """);
        assertThat(ok("halves.getColumn(\"total\").toList().toString()").resultText()).isEqualTo("[1.0, 0.5]");
    }

    @Test
    void aNestedPrestoQueryIsFetchedThroughPrestoAndJoined() throws Exception {
        JupyterDriver.Execution cell = ok("""
                %%fsql
                africa = SELECT s.region, p.nations FROM (SELECT 'AFRICA' AS region) s
                    JOIN (PRESTO "SELECT r.name AS region, count(*) AS nations FROM tpch.tiny.nation n JOIN tpch.tiny.region r ON n.regionkey = r.regionkey GROUP BY r.name") p
                    ON s.region = p.region
                YIELD LOCAL DATAFRAME AS africa
                """);
        assertThat(cell.stream("stdout")).contains("bound africa");
        assertThat(ok("africa.getColumn(\"nations\").get(0)").resultText()).isEqualTo("5");
    }

    @Test
    void aNotebookTableJoinsAHiveTableAndTheResultsAreBound() throws Exception {
        ok("""
                %%hive
                CREATE DATABASE IF NOT EXISTS e2e_fsql;
                DROP TABLE IF EXISTS e2e_fsql.events;
                CREATE TABLE e2e_fsql.events (subscenario STRING, snapshot_ts STRING) STORED AS PARQUET;
                INSERT INTO e2e_fsql.events SELECT IF(id % 3 = 0, 'a', 'b'), concat('2026-01-0', CAST(id % 2 + 1 AS STRING)) FROM range(30)
                """);
        ok("DataFrame top = DataFrame.foldByRow(\"subscenario\", \"rank\").of(\"a\", 1, \"b\", 2, \"c\", 3);");

        JupyterDriver.Execution cell = ok("""
                %%fsql
                per_snapshot = SELECT t.subscenario, e.snapshot_ts, count(*) AS n
                    FROM top t JOIN e2e_fsql.events e ON t.subscenario = e.subscenario   -- notebook table x Hive table
                    GROUP BY 1, 2
                    ORDER BY 1, 2
                PRINT 20 ROWS FROM per_snapshot ROWCOUNT TITLE "per snapshot"
                yield dataframe as per_snapshot
                Yield Local Dataframe As per_snapshot_local
                """);
        assertThat(cell.stream("stdout")).contains("per snapshot").contains("4 rows")
                .contains("bound per_snapshot (Spark Dataset").contains("per_snapshot_local (DFLib DataFrame, 4 rows");
        assertThat(cell.messages("display_data").toString()).contains("snapshot_ts").contains("2026-01-01");

        assertThat(ok("per_snapshot_local.getColumn(\"n\").toList().toString()").resultText()).isEqualTo("[5, 5, 10, 10]");
        assertThat(ok("per_snapshot.count()").resultText()).isEqualTo("4");
    }

    @Test
    void filesRoundTripAndAFileHandleIsBound() throws Exception {
        Path dir = Files.createDirectories(InstalledKernel.work().resolve("fsql-files"));
        ok("record Ride(String region, double km) {}\nvar rides = List.of(new Ride(\"north\", 4.0), new Ride(\"south\", 1.5), new Ride(\"north\", 6.0));");
        JupyterDriver.Execution cell = ok("""
                %%%%fsql
                select region, km from rides
                save overwrite csv "%s/rides.csv"
                back = load csv "%s/rides.csv"
                per_region = select region, sum(km) as km from back group by region
                save overwrite single parquet "%s/per_region"
                load "%s/per_region"
                take 1 row presort km desc
                yield file as top_region
                """.formatted(dir, dir, dir, dir));
        assertThat(cell.stream("stdout")).contains("saved csv to").contains("1 row written to file:")
                .contains("bound top_region (Parquet files");
        assertThat(ok("top_region.toDataFrame(10).getColumn(\"region\").get(0).toString()").resultText()).contains("north");
        assertThat(ok("%tables top_region").resultText()).contains("fsql");
    }

    @Test
    void aHostileParameterIsReturnedAsData() throws Exception {
        ok("String hostile = \"'; DROP TABLE e2e_fsql.events; --\";");
        ok("%%fsql\nSELECT {hostile} AS v\nYIELD LOCAL DATAFRAME AS h");
        assertThat(ok("h.getColumn(\"v\").get(0)").resultText()).isEqualTo("'; DROP TABLE e2e_fsql.events; --");
    }

    @Test
    void anInterruptCancelsTheRunningStatementAndItsViewsAreDropped() throws Exception {
        ok("%%fsql\nSELECT 1 AS warm\nPRINT");
        String slow = kernel.call("submit", "code", """
                %%fsql
                slow = SELECT reflect('java.lang.Thread', 'sleep', CAST(120000 AS BIGINT)) AS r FROM range(0, 2, 1, 2)
                PRINT FROM slow
                YIELD LOCAL DATAFRAME AS never
                """).get("msg_id").asText();
        Thread.sleep(6000);
        kernel.call("interrupt");
        JupyterDriver.Execution interrupted = new JupyterDriver.Execution(kernel.call("collect", "msg_id", slow, "timeout", 60));
        assertThat(interrupted.reply().get("status").asText()).as(interrupted.raw().toString()).isEqualTo("error");
        assertThat(ok("Spark.session().catalog().listTables().filter(\"name LIKE '_fsql%'\").count()").resultText()).isEqualTo("0");
        assertThat(kernel.execute("never").status()).isEqualTo("error");
    }

    @Test
    void aMistakeShowsItsCellLineAndACaret() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("%%fsql\nx = SELECT 1 AS a\nPRINT 5 ROWZ FROM x", FIRST_CELL);
        assertThat(cell.status()).isEqualTo("error");
        assertThat(cell.traceback()).contains("line 3:9: unexpected 'ROWZ'").contains("PRINT 5 ROWZ FROM x").contains("^--^");
        assertThat(ok("1 + 1").resultText()).isEqualTo("2");
    }
}
