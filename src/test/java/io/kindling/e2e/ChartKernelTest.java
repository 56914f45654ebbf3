package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A chart of a notebook table in one line, through the installed kernel: Vega-Lite, SVG and text in one bundle. */
class ChartKernelTest {
    private static JupyterDriver kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        Path profiles = InstalledKernel.profilesWithLocalTrino("chart-profiles.yaml", "");
        kernel = JupyterDriver.start(InstalledKernel.get(), Map.of("KINDLING_PROFILES", profiles.toString()));
    }

    @AfterAll
    static void stopKernel() throws Exception {
        kernel.close();
    }

    @Test
    void aChartIsOneBundleOfVegaLiteSvgAndText() throws Exception {
        JupyterDriver.Execution table = kernel.execute(
                "DataFrame top = DataFrame.foldByRow(\"subscenario\", \"n\").of(\"costs $5\", 12, \"b\", 7);");
        assertThat(table.status()).as(table.raw().toString()).isEqualTo("ok");

        JupyterDriver.Execution cell = kernel.execute("chart(top).bar(\"subscenario\", \"n\").title(\"top subscenarios\")");

        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        JsonNode data = cell.messages("execute_result").get(0).get("data");
        JsonNode vegaLite = data.get("application/vnd.vegalite.v5+json");
        assertThat(vegaLite.isObject()).as("a JSON object, not text: " + vegaLite).isTrue();
        assertThat(vegaLite.at("/encoding/x/field").asText()).isEqualTo("subscenario");
        assertThat(vegaLite.at("/data/values/0/subscenario").asText()).isEqualTo("costs $5");
        assertThat(vegaLite.at("/data/values/0/n").asDouble()).isEqualTo(12.0);
        assertThat(data.get("image/svg+xml").asText()).contains("<svg").contains("top subscenarios");
        assertThat(data.get("text/plain").asText()).isEqualTo("bar chart, 2 bars: sum of n per subscenario, over 2 rows");
    }

    @Test
    void aChartOfAMissingColumnNamesIt() throws Exception {
        kernel.execute("DataFrame few = DataFrame.foldByRow(\"a\", \"b\").of(1, 2);");
        JupyterDriver.Execution cell = kernel.execute("chart(few).bar(\"a\", \"c\")");
        assertThat(cell.status()).isEqualTo("error");
        assertThat(cell.traceback()).contains("the table has no column 'c' to chart; its columns: a, b");
    }

    @Test
    void aPrestoCellPlotsItsResultAfterBindingIt() throws Exception {
        JupyterDriver.Execution cell = kernel.execute(
                "%%presto regions --plot bar:region,n\nSELECT r.name AS region, count(*) AS n FROM nation n JOIN region r"
                + " ON n.regionkey = r.regionkey GROUP BY r.name");

        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        JsonNode chart = cell.messages("display_data").stream().filter(d -> d.get("data").has("application/vnd.vegalite.v5+json"))
                .findFirst().orElseThrow(() -> new AssertionError(cell.raw().toString())).get("data");
        assertThat(chart.get("application/vnd.vegalite.v5+json").get("data").get("values")).hasSize(5);
        assertThat(chart.get("text/plain").asText()).isEqualTo("bar chart, 5 bars: sum of n per region, over 5 rows");
        assertThat(cell.resultText()).contains("AFRICA");

        JupyterDriver.Execution bad = kernel.execute("%%presto --plot pie:region,n\nSELECT 1");
        assertThat(bad.status()).isEqualTo("error");
        assertThat(bad.traceback()).contains("--plot pie:region,n: 'pie' is not bar, line, scatter or histogram");
    }
}
