package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A chart of a notebook table in one line, through the installed kernel: Vega-Lite, SVG and text in one bundle. */
class ChartKernelTest {
    private static JupyterDriver kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = JupyterDriver.start(InstalledKernel.get(), Map.of());
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
}
