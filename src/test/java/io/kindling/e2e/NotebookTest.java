package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.magics.presto.LocalTrino;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The example notebooks, executed headlessly by nbclient against the installed kernel, and what their outputs say. */
class NotebookTest {
    private static final List<String> NOTEBOOKS = List.of("01-tour", "02-presto-hive-fsql", "03-ephemeral-spark",
            "04-distributed-inference");
    private static final String VEGA_LITE = "application/vnd.vegalite.v5+json";
    private static final Map<String, JsonNode> executed = new LinkedHashMap<>();
    private static JsonNode basics;
    private static JsonNode presto;
    private static JsonNode spark;
    private static JsonNode inference;
    private static Path html;

    @BeforeAll
    static void executeNotebooks() throws Exception {
        Path output = InstalledKernel.work().resolve("notebooks");
        Path notebooks = Path.of(System.getProperty("kindling.notebooks"));
        List<String> command = new ArrayList<>(List.of(InstalledKernel.pythonDir().resolve("run_notebooks.py").toString(),
                "--html", output.toString()));
        NOTEBOOKS.forEach(name -> command.add(notebooks.resolve(name + ".ipynb").toString()));
        ProcessBuilder builder = new ProcessBuilder(InstalledKernel.python(command.toArray(String[]::new)))
                .redirectErrorStream(true);
        builder.environment().putAll(InstalledKernel.get().environment());
        // What `make demo` does: the embedded default profile is the local Trino.
        builder.environment().putAll(Map.of("KINDLING_TRINO_URL", LocalTrino.url(),
                "KINDLING_TRINO_CATALOG", "tpch", "KINDLING_TRINO_SCHEMA", "tiny"));
        // Local Spark, whatever the machine's profiles file or environment says about Kubernetes.
        builder.environment().remove("KINDLING_K8S_MASTER");
        builder.environment().put("KINDLING_PROFILES", output.resolve("no-profiles.yaml").toString());
        Process run = builder.start();
        String log = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).as(log).isZero();
        assertThat(log).as("the summary make demo prints").contains("4 notebooks: 4 ok, 0 failed");
        html = output;
        for (String name : NOTEBOOKS) {
            executed.put(name, new ObjectMapper().readTree(output.resolve(name + ".ipynb").toFile()));
        }
        basics = executed.get("01-tour");
        presto = executed.get("02-presto-hive-fsql");
        spark = executed.get("03-ephemeral-spark");
        inference = executed.get("04-distributed-inference");
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
            if (o.get("output_type").asText().equals("stream") && o.get("name").asText().equals("stdout")) {
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

    private static String result(JsonNode notebook, int cell) {
        return text(output(notebook, cell, "execute_result").at("/data/text~1plain"));
    }

    /** A table cell's rows, from its {@code application/vnd.dataresource+json} bundle, keyed by the first column. */
    private static Map<String, JsonNode> tableRows(JsonNode notebook, int cell, String key) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        output(notebook, cell, "execute_result").at("/data/application~1vnd.dataresource+json/data")
                .forEach(row -> rows.put(row.get(key).asText(), row));
        return rows;
    }

    @Test
    void outputsNameCellCodeByCellLinesShowPlainNumbersAndNoSparkFrames() {
        executed.forEach((name, notebook) -> {
            for (JsonNode cell : codeCells(notebook)) {
                String outputs = cell.get("outputs").toString();
                assertThat(outputs).as(name + ": JShell's class names stay out of the notebook").doesNotContain("$JShell$");
                assertThat(outputs).as(name + ": no E notation in table cells")
                        .doesNotContainPattern("<td>-?[0-9.]+E-?[0-9]+</td>");
                assertThat(outputs).as(name + ": no Spark frames").doesNotContain("at org.apache.spark.");
                assertThat(outputs).as(name + ": no logging library's notes").doesNotContain("SLF4J");
            }
        });
    }

    @Test
    void everyCodeCellRanInOrderWithoutErrors() {
        executed.forEach((name, notebook) -> {
            List<JsonNode> cells = codeCells(notebook);
            for (int i = 0; i < cells.size(); i++) {
                assertThat(cells.get(i).get("execution_count").asInt()).as(name + " cell " + i).isEqualTo(i + 1);
                cells.get(i).get("outputs").forEach(o -> assertThat(o.get("output_type").asText()).as(name).isNotEqualTo("error"));
            }
        });
    }

    @Test
    void notebooksAreCommittedWithoutOutputs() throws Exception {
        Path notebooks = Path.of(System.getProperty("kindling.notebooks"));
        for (String name : NOTEBOOKS) {
            for (JsonNode cell : codeCells(new ObjectMapper().readTree(notebooks.resolve(name + ".ipynb").toFile()))) {
                assertThat(cell.get("outputs")).as(name + " is committed clean").isEmpty();
                assertThat(cell.get("execution_count").isNull()).as(name).isTrue();
            }
        }
    }

    @Test
    void everyChartCarriesVegaLiteAndTheSameChartAsAnImage() {
        int charts = 0;
        for (JsonNode notebook : executed.values()) {
            for (JsonNode cell : codeCells(notebook)) {
                for (JsonNode output : cell.get("outputs")) {
                    JsonNode data = output.get("data");
                    if (data != null && data.has(VEGA_LITE)) {
                        charts++;
                        assertThat(data.get(VEGA_LITE).isObject()).isTrue();
                        assertThat(text(data.get("image/svg+xml"))).contains("<svg");
                        assertThat(text(data.get("text/plain"))).contains(" chart, ");
                    }
                }
            }
        }
        assertThat(charts).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theHtmlExportsShowTheChartsAsTheImagesTheKernelDrew() throws Exception {
        String tour = java.nio.file.Files.readString(html.resolve("01-tour.html"));
        assertThat(tour).contains("<svg").contains("km per region").contains("median ride: 17.0 minutes");
        assertThat(java.nio.file.Files.readString(html.resolve("03-ephemeral-spark.html")))
                .contains("when each of the 100 tasks started").contains("core-s busy");
    }

    @Test
    void prestoAndHiveResultsBecomeTablesTheJavaCellsUse() {
        assertThat(result(presto, 0)).contains("* env: ");
        assertThat(text(output(presto, 1, "execute_result").at("/data/text~1html")))
                .contains("<th>region</th><th>customers</th><th>avg_balance</th>").contains("5 rows × 3 columns");
        assertThat(text(output(presto, 1, "display_data").at("/data/text~1plain"))).contains("5 rows");
        assertThat(result(presto, 2)).startsWith("region, customers, avg_balance | 5 rows; biggest region: ");
        assertThat(codeCells(presto).get(4).get("outputs").toString()).as("--plot charts the bound result")
                .contains(VEGA_LITE).contains("bar chart, ");
        assertThat(Integer.parseInt(result(presto, 5))).isBetween(1, 5);

        assertThat(streamed(presto, 6)).contains("CREATE TABLE IF NOT").contains("done");
        Map<String, JsonNode> top = tableRows(presto, 7, "subscenario");
        assertThat(top.keySet()).containsExactly("baseline", "surge");
        assertThat(top.get("baseline").get("records").asLong()).isEqualTo(120_000);
        assertThat(top.get("surge").get("records").asLong()).isEqualTo(90_000);
        assertThat(codeCells(presto).get(7).get("outputs").toString()).as("--plot charts the result").contains(VEGA_LITE)
                .contains("bar chart, 2 bars: sum of records per subscenario, over 2 rows");
        assertThat(streamed(presto, 9)).contains("210,000 rows written to file:");
        assertThat(result(presto, 10)).isEqualTo("distinct snapshot_ts: 24");
        assertThat(result(presto, 13)).contains("regions  DFLib DataFrame  5 rows × 3 columns").contains("presto: tpch.tiny via env")
                .contains("top  DFLib DataFrame  2 rows × 2 columns").contains("hive: local metastore via local")
                .contains("scenarios  Parquet files  210,000 rows × 5 columns")
                .contains("per_snapshot  DFLib DataFrame  36 rows × 3 columns").contains("fsql: Spark local[*]");
        assertThat(result(presto, 13).lines().filter(l -> l.startsWith("top ")))
                .as("Trino read the Hive table through its hive catalog on the same metastore").singleElement()
                .satisfies(l -> assertThat(l).contains("presto: "));
    }

    @Test
    void fsqlJoinsTheNotebookTableWithTheHiveTableAndKeepsTheResult() {
        // The title above the printed rows; the row count and what was bound below them.
        StringBuilder above = new StringBuilder();
        StringBuilder below = new StringBuilder();
        JsonNode printed = null;
        for (JsonNode o : codeCells(presto).get(11).get("outputs")) {
            if (o.at("/data/application~1vnd.dataresource+json").isObject()) {
                printed = o.at("/data/application~1vnd.dataresource+json/data");
            } else if (o.get("output_type").asText().equals("stream") && o.get("name").asText().equals("stdout")) {
                (printed == null ? above : below).append(text(o.get("text")));
            }
        }
        assertThat(above.toString()).isEqualTo("rides per snapshot\n");
        assertThat(below.toString()).startsWith("36 rows\n").contains("bound per_snapshot (DFLib DataFrame, 36 rows × 3 columns");
        assertThat(printed).as("PRINT 4 ROWS").hasSize(4);
        // The first snapshot of the generated rides: 5,000 baseline rides (120,000 over 24 hours), 10,000 surge ones.
        assertThat(printed.get(0).get("subscenario").asText()).isEqualTo("baseline");
        assertThat(printed.get(0).get("rides").asLong()).isEqualTo(5_000);
        assertThat(printed.get(1).get("subscenario").asText()).isEqualTo("surge");
        assertThat(printed.get(1).get("rides").asLong()).isEqualTo(10_000);

        JsonNode chart = output(presto, 12, "execute_result").get("data");
        assertThat(text(chart.get("text/plain"))).isEqualTo("line chart, 36 points on lines: sum of rides per snapshot_ts, over 36 rows");
        assertThat(chart.has("image/svg+xml")).isTrue();
        assertThat(chart.at("/" + VEGA_LITE.replace("/", "~1") + "/data/values")).hasSize(36);
    }

    @Test
    void ephemeralSparkRunsTheSleepMapAndTheHundredTasksOnALocalClusterAndShowsItsBill() {
        assertThat(streamed(spark, 0)).matches("local-[0-9a-f]{8}: 4 task slots\n");
        assertThat(result(spark, 1))
                .isEqualTo("[Ride[region=east, km=7.25], Ride[region=north, km=5.5], Ride[region=south, km=1.5]]");
        assertThat(result(spark, 2)).isEqualTo("[[north,334], [south,666]]");
        assertThat(text(output(spark, 2, "display_data").at("/data/text~1plain")))
                .as("the job's progress, as its last in-place update left it").contains("Spark job").contains("tasks").contains("done");
        assertThat(streamed(spark, 3)).contains("memory '32gb!' is not a memory size");
        assertThat(result(spark, 4)).startsWith("sequential: 20 tasks × 200 ms = ");
        assertThat(streamed(spark, 5)).startsWith("20 tasks slept 200 ms each\n")
                .contains("  sequential, in the kernel: ").contains("  cluster,  4 task slots:    ");
        assertThat(streamed(spark, 7)).startsWith("100 tasks × 100 ms\n").contains("  outTransform,  4 slots:   ");

        JsonNode times = output(spark, 8, "execute_result").get("data");
        assertThat(text(times.get("text/plain"))).isEqualTo("bar chart, 4 bars: sum of seconds per run, over 4 rows");
        assertThat(times.at("/" + VEGA_LITE.replace("/", "~1") + "/data/values")).hasSize(4);

        assertThat(result(spark, 9)).isEqualTo("100 tasks ran on executors [driver]");
        JsonNode timeline = output(spark, 10, "execute_result").get("data");
        assertThat(text(timeline.get("text/plain"))).isEqualTo("scatter chart, 100 points: every row, over 100 rows");
        TreeSet<Integer> ids = new TreeSet<>();
        timeline.get(VEGA_LITE).at("/data/values").forEach(v -> {
            ids.add(v.get("id").asInt());
            assertThat(v.get("startedSecond").asDouble()).isGreaterThanOrEqualTo(0);
        });
        assertThat(ids).hasSize(100).startsWith(0).endsWith(99);

        assertThat(streamed(spark, 11)).matches("cluster local-[0-9a-f]{8}: 1 executor × 4 cores × [0-9.]+ s = [0-9,]+ core-s held, "
                + "[0-9,]+ core-s busy in [0-9,]+ tasks: [0-9]+% used\n");
        assertThat(result(spark, 11)).matches("[0-9]+% of [0-9,]+ core-seconds used by [0-9]+ tasks");
    }

    @Test
    void perRegionModelsRecoverEachRegionsTrafficAndPredictOnACluster() {
        assertThat(result(inference, 0)).isEqualTo("1000 rides in 4 regions");
        assertThat(streamed(inference, 1)).contains("commons-math3-3.6.1.jar");

        // The data is made with these numbers (plus noise); each region's model finds them again.
        Map<String, double[]> traffic = Map.of("east", new double[] {6.0, 1.5, 9.0}, "north", new double[] {4.0, 2.0, 6.0},
                "south", new double[] {2.0, 3.1, 2.0}, "west", new double[] {3.0, 2.4, 4.0});
        Map<String, JsonNode> models = tableRows(inference, 3, "region");
        assertThat(models.keySet()).containsExactly("east", "north", "south", "west");
        traffic.forEach((region, truth) -> {
            JsonNode model = models.get(region);
            assertThat(model.get("trainedOn").asInt()).isEqualTo(200);
            assertThat(model.get("base").asDouble()).as(region).isCloseTo(truth[0], within(0.6));
            assertThat(model.get("perKm").asDouble()).as(region).isCloseTo(truth[1], within(0.1));
            assertThat(model.get("rushPenalty").asDouble()).as(region).isCloseTo(truth[2], within(0.6));
            assertThat(model.get("r2").asDouble()).as(region).isGreaterThan(0.9);
        });

        assertThat(result(inference, 4)).isEqualTo("200 held-out rides predicted");
        assertThat(streamed(inference, 4)).matches("cluster local-[0-9a-f]{8}: 1 executor × 2 cores × .*: [0-9]+% used\n");

        JsonNode chart = output(inference, 5, "execute_result").get("data");
        assertThat(text(chart.get("text/plain"))).isEqualTo("scatter chart, 200 points: every row, over 200 rows");
        assertThat(chart.get(VEGA_LITE).toString()).contains("\"region\"").contains("\"predicted\"");

        Map<String, JsonNode> accuracy = tableRows(inference, 6, "region");
        assertThat(accuracy.keySet()).containsExactly("east", "north", "south", "west");
        accuracy.values().forEach(a -> {
            assertThat(a.get("rides").asInt()).isEqualTo(50);
            assertThat(a.get("meanAbsoluteError").asDouble()).isBetween(0.8, 1.8);
        });
    }

    @Test
    void theTourRecordsValuesStreamsRichOutputAChartMagicsAndTheirHelp() {
        assertThat(result(basics, 0)).isEqualTo("4");
        assertThat(result(basics, 1)).isEqualTo("{east=15.0, north=5.25, south=9.8}");
        assertThat(streamed(basics, 2)).isEqualTo("east    15.0 km\nnorth    5.3 km\nsouth    9.8 km\n");
        assertThat(text(output(3, "execute_result").at("/data/text~1html"))).contains("<td>north</td><td>5.25</td>");
        assertThat(text(output(4, "display_data").at("/data/text~1markdown")))
                .as("nbclient applies the in-place update to the recorded output")
                .isEqualTo("**2 rides took more than 20 minutes**");
        assertThat(text(output(5, "execute_result").at("/data/text~1html")))
                .contains("<th>region</th><th>km</th><th>minutes</th>").contains("<td>east</td><td>15.0</td><td>31</td>");
        JsonNode chart = output(6, "execute_result").get("data");
        assertThat(text(chart.get("text/plain"))).isEqualTo("bar chart, 3 bars: sum of km per region, over 4 rows");
        assertThat(text(chart.get("image/svg+xml"))).contains("km per region");
        assertThat(result(basics, 7)).contains("%maven").contains("%%presto").contains("%%hive").contains("%tables");
        assertThat(result(basics, 8)).startsWith("%maven [-r|--repo ID=URL]... [coordinates]...");
        assertThat(streamed(basics, 9)).contains("commons-math3-3.6.1.jar");
        assertThat(result(basics, 9)).isEqualTo("median ride: 17.0 minutes");
    }
}
