package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spark job that fails in the user's lambda reads like a plain Java error: the user's exception first, its
 * frame at the cell line, one line for where it ran; Spark's and Scala's frames folded. Its progress names
 * the cell's code by cell lines, not JShell's classes.
 */
class SparkErrorKernelTest {
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
    void divisionByZeroInALambdaShowsTheUsersErrorFirst() throws Exception {
        JupyterDriver.Execution start = kernel.execute("var numbers = Spark.session().range(0, 4);", Duration.ofMinutes(3));
        assertThat(start.status()).isEqualTo("ok");
        List<String> startLines = new ArrayList<>();
        start.messages("display_data").forEach(m -> startLines.add(m.at("/data/text~1plain").asText()));
        start.messages("update_display_data").forEach(m -> startLines.add(m.at("/data/text~1plain").asText()));
        assertThat(startLines).as("a line that updates in place while Spark starts").isNotEmpty();
        assertThat(startLines.get(0)).startsWith("starting local Spark");
        assertThat(startLines.get(startLines.size() - 1)).matches("local Spark started in [0-9.]+ s");
        assertThat(start.messages("display_data")).hasSize(1);

        JupyterDriver.Execution cell = kernel.execute("""
                var tenths = numbers
                    .map((MapFunction<Long, Long>) i -> 10 / (i - 2), Encoders.LONG())
                    .collectAsList();""", Duration.ofMinutes(3));
        int count = cell.reply().get("execution_count").asInt();

        assertThat(cell.status()).isEqualTo("error");
        assertThat(cell.error().get("ename").asText()).isEqualTo("java.lang.ArithmeticException");
        assertThat(cell.error().get("evalue").asText()).isEqualTo("/ by zero");
        String traceback = cell.traceback();
        assertThat(traceback).startsWith("java.lang.ArithmeticException: / by zero\n")
                .containsPattern("at lambda\\$do_it\\$.*\\(cell \\[" + count + "\\] line 2\\)")
                .containsPattern("in Spark: task \\S+ in stage \\S+ \\(TID \\d+\\) on executor driver \\(\\S+\\), 1 attempt failed")
                .contains("at cell [" + count + "] line 3 (the Spark action)")
                .contains("Spark and Scala frames")
                .doesNotContain("org.apache.spark.").doesNotContain("scala.collection").doesNotContain("$JShell$")
                .doesNotContain("Job aborted");
        assertThat(traceback.lines().count()).as(traceback).isLessThan(12);

        List<String> progress = new ArrayList<>();
        for (String type : List.of("display_data", "update_display_data")) {
            cell.messages(type).stream().map(m -> m.at("/data/text~1plain").asText()).forEach(progress::add);
        }
        assertThat(String.join("\n", progress)).contains("Spark job").contains("at cell [" + count + "]")
                .doesNotContain("$JShell$");
        assertThat(kernel.execute("numbers.count()").resultText()).isEqualTo("4");
    }
}
