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
 * {@code %%hive} through the installed kernel: a partitioned Hive table created and filled, a query
 * written to Parquet and read back in Java and in a second cell, and two kernels at once on the local
 * metastore service, each seeing the other's tables.
 */
class HiveKernelTest {
    /** Generous: the first cell starts local Spark and, on a fresh machine, the metastore service. */
    private static final Duration FIRST_CELL = Duration.ofMinutes(5);
    private static JupyterDriver first;
    private static JupyterDriver second;

    @BeforeAll
    static void startKernels() throws Exception {
        Path profiles = InstalledKernel.work().resolve("hive-profiles.yaml");
        Files.writeString(profiles, """
                spark:
                  local: {cores: 1, conf: {spark.ui.enabled: "false", spark.sql.shuffle.partitions: "2"}}
                """);
        // One metastore for both kernels: the point of the shared local service.
        Map<String, String> environment = Map.of("KINDLING_PROFILES", profiles.toString(),
                "KINDLING_HIVE_HOME", InstalledKernel.work().resolve("hive").toString());
        first = JupyterDriver.start(InstalledKernel.get(), environment);
        second = JupyterDriver.start(InstalledKernel.get(), environment);
    }

    @AfterAll
    static void stopKernels() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        // The service outlives kernels by design; the test's own one goes with the test.
        new LocalMetastore(InstalledKernel.work().resolve("hive"), List.of(), Duration.ZERO).stop();
    }

    private static JupyterDriver.Execution ok(JupyterDriver kernel, String code, Duration timeout) throws Exception {
        JupyterDriver.Execution cell = kernel.execute(code, timeout);
        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        return cell;
    }

    @Test
    void aTableMadeInOneKernelIsQueriedToFilesAndSeenByTheOtherKernel() throws Exception {
        JupyterDriver.Execution ddl = ok(first, """
                %%hive
                CREATE DATABASE IF NOT EXISTS e2e;
                DROP TABLE IF EXISTS e2e.rides;
                CREATE TABLE e2e.rides (ride_id BIGINT, region STRING, km DOUBLE) PARTITIONED BY (day STRING) STORED AS PARQUET;
                INSERT INTO e2e.rides PARTITION (day)
                SELECT id, IF(id % 4 = 0, 'north', 'south'), id / 10.0, concat('2026-01-0', CAST(id % 3 + 1 AS STRING)) FROM range(1000)
                """, FIRST_CELL);
        assertThat(ddl.stream("stdout")).contains("INSERT INTO e2e.rides: 1,000 rows written").contains("3 partitions");

        JupyterDriver.Execution query = ok(first, "String wanted = \"north\";", FIRST_CELL);
        query = ok(first, "%%hive north --show 3\nSELECT ride_id, km, day FROM e2e.rides WHERE region = {wanted}", FIRST_CELL);
        assertThat(query.stream("stdout")).contains("250 rows written to file:");
        assertThat(query.resultText()).contains("250 rows × 3 columns (first 3 shown) · 1 Parquet file").contains("local metastore via local");
        assertThat(query.messages("execute_result").get(0).get("data").get("text/html").asText()).contains("ride_id");

        assertThat(ok(first, "north.dataset(Spark.session()).filter(\"day = '2026-01-01'\").count()", FIRST_CELL).resultText())
                .isEqualTo("84");
        JupyterDriver.Execution fromHandle = ok(first, "%%hive total --collect\nSELECT CAST(sum(km) AS DECIMAL(12,1)) AS km FROM north", FIRST_CELL);
        assertThat(ok(first, "total.getColumn(\"km\").get(0).toString()", FIRST_CELL).resultText()).contains("12450.0");

        // The second kernel runs at the same time on the same metastore service.
        JupyterDriver.Execution count = ok(second, "%%hive n --collect\nSELECT count(*) AS n FROM e2e.rides", FIRST_CELL);
        assertThat(ok(second, "n.getColumn(\"n\").get(0)", FIRST_CELL).resultText()).contains("1000");
        ok(second, "%%hive\nCREATE TABLE IF NOT EXISTS e2e.from_second AS SELECT 1 AS one", FIRST_CELL);
        JupyterDriver.Execution tables = ok(first, "%%hive t --collect\nSHOW TABLES IN e2e", FIRST_CELL);
        assertThat(ok(first, "t.getColumn(\"tableName\").toList().toString()", FIRST_CELL).resultText()).contains("from_second");
    }

    @Test
    void aMistakeNamesTheCellLineAndTheKernelGoesOn() throws Exception {
        JupyterDriver.Execution cell = first.execute("%%hive\nSELECT 1;\nSELECT nope FROM range(3)", FIRST_CELL);
        assertThat(cell.status()).isEqualTo("error");
        assertThat(cell.traceback()).contains("line 3:8").contains("nope").contains("UNRESOLVED_COLUMN");
        assertThat(ok(first, "1 + 1", FIRST_CELL).resultText()).isEqualTo("2");
    }
}
