package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The example notebooks, executed headlessly by nbclient against the installed kernel. */
class NotebookTest {
    private static JsonNode basics;

    @BeforeAll
    static void executeNotebooks() throws Exception {
        Path output = InstalledKernel.work().resolve("notebooks");
        Path notebook = Path.of(System.getProperty("kindling.notebooks"), "01-java-basics.ipynb");
        ProcessBuilder builder = new ProcessBuilder(InstalledKernel.python(
                InstalledKernel.pythonDir().resolve("run_notebooks.py").toString(), output.toString(), notebook.toString()))
                .redirectErrorStream(true);
        builder.environment().putAll(InstalledKernel.get().environment());
        Process run = builder.start();
        String log = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).as(log).isZero();
        basics = new ObjectMapper().readTree(output.resolve("01-java-basics.ipynb").toFile());
    }

    private static List<JsonNode> codeCells() {
        List<JsonNode> cells = new ArrayList<>();
        basics.get("cells").forEach(c -> {
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

    private static JsonNode output(int cell, String type) {
        for (JsonNode output : codeCells().get(cell).get("outputs")) {
            if (output.get("output_type").asText().equals(type)) {
                return output;
            }
        }
        throw new AssertionError("code cell " + cell + " has no " + type + " output: " + codeCells().get(cell));
    }

    @Test
    void everyCodeCellRanInOrderWithoutErrors() {
        List<JsonNode> cells = codeCells();
        for (int i = 0; i < cells.size(); i++) {
            assertThat(cells.get(i).get("execution_count").asInt()).isEqualTo(i + 1);
            cells.get(i).get("outputs").forEach(o -> assertThat(o.get("output_type").asText()).isNotEqualTo("error"));
        }
    }

    @Test
    void valuesStreamsAndRichOutputAreRecorded() {
        assertThat(text(output(0, "execute_result").at("/data/text~1plain"))).isEqualTo("4");
        assertThat(text(output(1, "execute_result").at("/data/text~1plain"))).isEqualTo("{east=15.0, north=5.25, south=9.8}");
        assertThat(text(output(2, "stream").get("text"))).isEqualTo("east    15.0 km\nnorth    5.3 km\nsouth    9.8 km\n");
        assertThat(text(output(3, "execute_result").at("/data/text~1html"))).contains("<td>north</td><td>5.25</td>");
        assertThat(text(output(4, "display_data").at("/data/text~1markdown")))
                .as("nbclient applies the in-place update to the recorded output")
                .isEqualTo("**2 rides took more than 20 minutes**");
        assertThat(text(output(5, "execute_result").at("/data/text~1plain"))).contains("%maven");
        assertThat(text(output(6, "execute_result").at("/data/text~1plain"))).isEqualTo("median ride: 17.0 minutes");
    }
}
