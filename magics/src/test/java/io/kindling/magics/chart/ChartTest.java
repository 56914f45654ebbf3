package io.kindling.magics.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.magics.table.ParquetTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.kindling.magics.chart.Charts.chart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Charts of DFLib tables (aggregated in the kernel) and of Spark tables (aggregated by Spark), drawn both ways. */
class ChartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DataFrame TOP = DataFrame.foldByRow("subscenario", "region", "n")
            .of("b", "north", 5, "a", "north", 3, "b", "south", 2, "c", "south", 7);
    private static SparkSession spark;

    @TempDir
    static Path work;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("ChartTest").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void aBarChartSumsYPerXInTheTablesOrderAndDrawsBothWays() throws Exception {
        DrawnChart drawn = chart(TOP).bar("subscenario", "n").title("top subscenarios").draw();
        JsonNode spec = JSON.readTree(drawn.vegaLite());
        assertThat(spec.get("$schema").asText()).isEqualTo("https://vega.github.io/schema/vega-lite/v5.json");
        assertThat(spec.get("mark").get("type").asText()).isEqualTo("bar");
        assertThat(spec.at("/encoding/x/field").asText()).isEqualTo("subscenario");
        assertThat(spec.at("/encoding/x/type").asText()).isEqualTo("nominal");
        assertThat(spec.at("/encoding/x/sort").isNull()).as("kept in the data's order").isTrue();
        assertThat(spec.at("/encoding/y/type").asText()).isEqualTo("quantitative");
        assertThat(spec.at("/title/text").asText()).isEqualTo("top subscenarios");
        assertThat(values(spec, "subscenario")).containsExactly("b", "a", "c");
        assertThat(values(spec, "n")).containsExactly("7.0", "3.0", "7.0");
        assertThat(drawn.svg()).startsWith("<?xml").contains("<svg").contains("top subscenarios").contains(">b<").contains(">c<");
        assertThat(drawn.text()).isEqualTo("bar chart, 3 bars: sum of n per subscenario, over 4 rows");
    }

    @Test
    void colourAndFacetSplitTheGroupsAndTheImageDrawsAPanelPerFacet() throws Exception {
        DrawnChart drawn = chart(TOP).bar("subscenario", "n").color("region").facet("region").draw();
        JsonNode spec = JSON.readTree(drawn.vegaLite());
        assertThat(spec.at("/encoding/color/field").asText()).isEqualTo("region");
        assertThat(spec.at("/encoding/facet/field").asText()).isEqualTo("region");
        assertThat(spec.get("data").get("values")).hasSize(4);
        assertThat(drawn.svg()).contains("region = north").contains("region = south");
        // Coloured by x itself: one bar each, in its own colour.
        assertThat(JSON.readTree(chart(TOP).bar("region", "n").color("region").draw().vegaLite()).get("data").get("values")).hasSize(2);
    }

    @Test
    void aHistogramCountsEveryRowInEqualBins() throws Exception {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add((double) i);
        }
        DataFrame km = DataFrame.foldByRow("km").ofIterable(rows);
        JsonNode spec = JSON.readTree(chart(km).histogram("km").bins(10).draw().vegaLite());
        assertThat(spec.at("/encoding/x/bin/binned").asBoolean()).isTrue();
        assertThat(spec.get("data").get("values")).hasSize(10);
        long total = 0;
        for (JsonNode bin : spec.get("data").get("values")) {
            total += bin.get("count").asLong();
            assertThat(bin.get("km (to)").asDouble() - bin.get("km (from)").asDouble()).isCloseTo(99.9, org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(total).isEqualTo(1000);
    }

    @Test
    void aLineIsInXOrderAndDatesAreTemporal() throws Exception {
        DataFrame days = DataFrame.foldByRow("day", "km").of(LocalDate.of(2026, 12, 3), 3.0, LocalDate.of(2026, 12, 1), 1.0,
                LocalDate.of(2026, 12, 2), 2.0);
        DrawnChart drawn = chart(days).line("day", "km").draw();
        JsonNode spec = JSON.readTree(drawn.vegaLite());
        assertThat(spec.at("/encoding/x/type").asText()).isEqualTo("temporal");
        assertThat(values(spec, "day")).containsExactly("2026-12-01", "2026-12-02", "2026-12-03");
        assertThat(drawn.svg()).contains("<svg");
    }

    @Test
    void aBigScatterIsSampledEvenly() throws Exception {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            rows.add(i);
            rows.add(i * 2.0);
        }
        DrawnChart drawn = chart(DataFrame.foldByRow("x", "y").ofIterable(rows)).scatter("x", "y").draw();
        JsonNode spec = JSON.readTree(drawn.vegaLite());
        assertThat(spec.get("data").get("values").size()).isBetween(4_000, ChartData.MAX_POINTS);
        assertThat(drawn.text()).contains("sampled rows (every 3th)").contains("over 12,000 rows");
    }

    @Test
    void anUnknownColumnOrTextWhereNumbersAreNeededIsAClearError() {
        assertThatThrownBy(() -> chart(TOP).bar("subscenario", "count"))
                .hasMessage("the table has no column 'count' to chart; its columns: subscenario, region, n");
        assertThatThrownBy(() -> chart(TOP).bar("subscenario", "region").draw())
                .hasMessageContaining("column 'region' holds String values (north); this chart needs numbers there");
        assertThatThrownBy(() -> chart(List.of(1, 2))).hasMessageContaining("draws a DFLib DataFrame, a Spark Dataset or a Parquet handle");
    }

    @Test
    void sparkTablesAreAggregatedBySparkNotFromTheirFirstRows() throws Exception {
        Dataset<Row> rides = spark.range(0, 100_000).selectExpr("CAST(id % 3 AS STRING) AS region", "CAST(id AS DOUBLE) AS km");
        DrawnChart drawn = chart(rides).bar("region", "km").draw();
        JsonNode spec = JSON.readTree(drawn.vegaLite());
        assertThat(values(spec, "region")).containsExactly("0", "2", "1"); // biggest sum first
        double total = 0;
        for (JsonNode bar : spec.get("data").get("values")) {
            total += bar.get("km").asDouble();
        }
        assertThat(total).isEqualTo(99_999.0 * 100_000 / 2);
        assertThat(drawn.text()).contains("by Spark");

        String path = work.resolve("rides").toUri().toString();
        rides.write().parquet(path);
        ParquetTable handle = ParquetTable.describe(URI.create(path), 5, () -> spark);
        JsonNode histogram = JSON.readTree(chart(handle).histogram("km").bins(4).draw().vegaLite());
        long counted = 0;
        for (JsonNode bin : histogram.get("data").get("values")) {
            counted += bin.get("count").asLong();
        }
        assertThat(counted).isEqualTo(100_000);
    }

    private static List<String> values(JsonNode spec, String field) {
        List<String> values = new ArrayList<>();
        spec.get("data").get("values").forEach(row -> values.add(row.get(field).asText()));
        return values;
    }
}
