package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.magics.presto.LocalTrino;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The example notebooks, executed headlessly by nbclient against the installed kernel. */
class NotebookTest {
    private static JsonNode basics;
    private static JsonNode presto;
    private static JsonNode spark;

    @BeforeAll
    static void executeNotebooks() throws Exception {
        Path output = InstalledKernel.work().resolve("notebooks");
        Path notebooks = Path.of(System.getProperty("kindling.notebooks"));
        ProcessBuilder builder = new ProcessBuilder(InstalledKernel.python(
                InstalledKernel.pythonDir().resolve("run_notebooks.py").toString(), output.toString(),
                notebooks.resolve("01-java-basics.ipynb").toString(), notebooks.resolve("02-presto.ipynb").toString(),
                notebooks.resolve("03-spark.ipynb").toString()))
                .redirectErrorStream(true);
        builder.environment().putAll(InstalledKernel.get().environment());
        // What `make demo` does: the embedded default profile is the local Trino.
        builder.environment().putAll(Map.of("KINDLING_TRINO_URL", LocalTrino.url(),
                "KINDLING_TRINO_CATALOG", "tpch", "KINDLING_TRINO_SCHEMA", "tiny"));
        Process run = builder.start();
        String log = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).as(log).isZero();
        basics = new ObjectMapper().readTree(output.resolve("01-java-basics.ipynb").toFile());
        presto = new ObjectMapper().readTree(output.resolve("02-presto.ipynb").toFile());
        spark = new ObjectMapper().readTree(output.resolve("03-spark.ipynb").toFile());
    }

    private static List<JsonNode> codeCells() {
        return codeCells(basics);
    }

    private static List<JsonNode> codeCells(JsonNode notebook) {
        List<JsonNode> cells = new ArrayList<>();
        notebook.get("cells").forEach(c -> {
            if (c.get("cell_type").asText().equals("code")) {
                cells.add(c);
            }
        });
        return cells;
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            value.forEach(v -> joined.append(v.asText()));
            return joined.toString();
        }
        return value.asText();
    }

    /** All a cell streamed, joined: the kernel flushes as it runs, so one print may span several stream outputs. */
    private static String streamed(JsonNode notebook, int cell) {
        StringBuilder joined = new StringBuilder();
        codeCells(notebook).get(cell).get("outputs").forEach(o -> {
            if (o.get("output_type").asText().equals("stream")) {
                joined.append(text(o.get("text")));
            }
        });
        return joined.toString();
    }

    private static JsonNode output(int cell, String type) {
        return output(basics, cell, type);
    }

    private static JsonNode output(JsonNode notebook, int cell, String type) {
        for (JsonNode output : codeCells(notebook).get(cell).get("outputs")) {
            if (output.get("output_type").asText().equals(type)) {
                return output;
            }
        }
        throw new AssertionError("code cell " + cell + " has no " + type + " output: " + codeCells(notebook).get(cell));
    }

    @Test
    void outputsNameCellCodeByCellLinesShowPlainNumbersAndNoSparkFrames() {
        for (JsonNode notebook : List.of(basics, presto, spark)) {
            for (JsonNode cell : codeCells(notebook)) {
                String outputs = cell.get("outputs").toString();
                assertThat(outputs).as("JShell's class names stay out of the notebook").doesNotContain("$JShell$");
                assertThat(outputs).as("no E notation in table cells")
                        .doesNotContainPattern("<td>-?[0-9.]+E-?[0-9]+</td>");
                assertThat(outputs).as("no Spark frames").doesNotContain("at org.apache.spark.");
            }
        }
    }

    @Test
    void everyCodeCellRanInOrderWithoutErrors() {
        for (JsonNode notebook : List.of(basics, presto, spark)) {
            List<JsonNode> cells = codeCells(notebook);
            for (int i = 0; i < cells.size(); i++) {
                assertThat(cells.get(i).get("execution_count").asInt()).isEqualTo(i + 1);
                cells.get(i).get("outputs").forEach(o -> assertThat(o.get("output_type").asText()).isNotEqualTo("error"));
            }
        }
    }

    @Test
    void prestoResultsBecomeTablesTheJavaCellsUse() {
        assertThat(text(output(presto, 0, "execute_result").at("/data/text~1plain"))).contains("* env: ");
        assertThat(text(output(presto, 1, "execute_result").at("/data/text~1html")))
                .contains("<th>region</th><th>customers</th><th>avg_balance</th>").contains("5 rows × 3 columns");
        assertThat(text(output(presto, 1, "display_data").at("/data/text~1plain"))).contains("5 rows");
        assertThat(text(output(presto, 2, "execute_result").at("/data/text~1plain")))
                .startsWith("region, customers, avg_balance | 5 rows; biggest region: ");
        assertThat(Integer.parseInt(text(output(presto, 5, "execute_result").at("/data/text~1plain")))).isBetween(1, 5);
    }

    @Test
    void sparkCellsRunRecordsLambdasAndALocalCluster() {
        assertThat(text(output(spark, 1, "execute_result").at("/data/text~1plain")))
                .isEqualTo("[Ride[region=east, km=7.25], Ride[region=north, km=5.5], Ride[region=south, km=1.5]]");
        assertThat(text(output(spark, 2, "execute_result").at("/data/text~1plain"))).isEqualTo("[[north,334], [south,666]]");
        assertThat(text(output(spark, 2, "display_data").at("/data/text~1plain")))
                .as("the job's progress, as its last in-place update left it").contains("Spark job").contains("tasks").contains("done");
        assertThat(text(output(spark, 3, "execute_result").at("/data/text~1plain"))).isEqualTo("338350");
        assertThat(streamed(spark, 4)).contains("memory '32gb!' is not a memory size");
    }

    @Test
    void valuesStreamsAndRichOutputAreRecorded() {
        assertThat(text(output(0, "execute_result").at("/data/text~1plain"))).isEqualTo("4");
        assertThat(text(output(1, "execute_result").at("/data/text~1plain"))).isEqualTo("{east=15.0, north=5.25, south=9.8}");
        assertThat(streamed(basics, 2)).isEqualTo("east    15.0 km\nnorth    5.3 km\nsouth    9.8 km\n");
        assertThat(text(output(3, "execute_result").at("/data/text~1html"))).contains("<td>north</td><td>5.25</td>");
        assertThat(text(output(4, "display_data").at("/data/text~1markdown")))
                .as("nbclient applies the in-place update to the recorded output")
                .isEqualTo("**2 rides took more than 20 minutes**");
        assertThat(text(output(5, "execute_result").at("/data/text~1plain"))).contains("%maven");
        assertThat(text(output(6, "execute_result").at("/data/text~1plain"))).isEqualTo("median ride: 17.0 minutes");
    }
}
