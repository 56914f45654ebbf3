package io.kindling.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cell that fills the heap fails with an explanation, the kernel's own threads survive it, and a kernel
 * whose heap stays full still ends with its Jupyter client. Each test has a small kernel of its own.
 */
class OutOfMemoryKernelTest {
    /** Small enough to fill quickly; the cell below asks for ~8× this. */
    private static final Map<String, String> SMALL_HEAP = Map.of("KINDLING_JAVA_OPTS", "-Xmx512m");
    /** The cell, unchanged: 100,000 arrays of 800 kB. */
    private static final String FILL_THE_HEAP =
            "long[][] big = new long[100000][]; for (int i = 0; i < big.length; i++) big[i] = new long[100000];";

    @Test
    void aCellThatFillsTheHeapFailsWithWhatHoldsItAndTheNextCellsRun() throws Exception {
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(), SMALL_HEAP)) {
            JupyterDriver.Execution filled = kernel.execute(FILL_THE_HEAP, Duration.ofMinutes(3));

            assertThat(filled.status()).isEqualTo("error");
            assertThat(filled.reply().get("ename").asText()).isEqualTo("OutOfMemoryError");
            assertThat(filled.reply().get("evalue").asText()).startsWith("the cell ran out of memory: the kernel's heap is 512");
            assertThat(filled.traceback())
                    .containsPattern("big ≈ [0-9.]+ MiB \\(long\\[]\\[]\\)")
                    .contains("big = null;")
                    .contains("KINDLING_JAVA_OPTS=-Xmx")
                    .contains("at cell [1] line 1")
                    .doesNotContain("Spark = null");

            assertThat(kernel.execute("big = null;").status()).isEqualTo("ok");
            // More than the reserve and the headroom together: the heap came back.
            assertThat(kernel.execute("var again = new long[20_000_000]; again.length").resultText()).isEqualTo("20000000");
            assertThat(kernel.execute("1 + 1").resultText()).isEqualTo("2");
        }
    }

    @Test
    void aHeapThatStaysFullIsSaidSoAndTheKernelStillAnswers() throws Exception {
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(), SMALL_HEAP)) {
            assertThat(kernel.execute(FILL_THE_HEAP, Duration.ofMinutes(3)).reply().get("ename").asText()).isEqualTo("OutOfMemoryError");

            JupyterDriver.Execution more = kernel.execute("long[] more = new long[20_000_000];", Duration.ofMinutes(3));

            assertThat(more.reply().get("ename").asText()).isEqualTo("OutOfMemoryError");
            assertThat(more.traceback()).contains("still full after the previous memory error").contains("big = null;")
                    .doesNotContain("ends at the next memory error");
            assertThat(kernel.execute("1 + 1").resultText()).isEqualTo("2");

            JupyterDriver.Execution again = kernel.execute("long[] again = new long[20_000_000];", Duration.ofMinutes(3));

            assertThat(again.traceback()).contains("still full after the previous memory error")
                    .contains("it ends at the next memory error. Free variables now, or restart the kernel.");
            assertThat(kernel.execute("1 + 1").resultText()).isEqualTo("2");
        }
    }

    @Test
    void aKernelWithAFullHeapEndsWhenItsJupyterClientIsKilled() throws Exception {
        JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(), SMALL_HEAP);
        try {
            assertThat(kernel.execute(FILL_THE_HEAP, Duration.ofMinutes(3)).reply().get("ename").asText()).isEqualTo("OutOfMemoryError");
            ProcessHandle process = ProcessHandle.of(kernel.call("pid").get("pid").asLong()).orElseThrow();

            kernel.killClient();

            // The parent watch polls every second; the bound only proves the kernel does not linger (it used to for 15 min).
            assertThat(process.onExit()).succeedsWithin(Duration.ofSeconds(60));
        } finally {
            kernel.close();
        }
    }

    @Test
    void aKernelWithAFullHeapEndsOnSigterm() throws Exception {
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(), SMALL_HEAP)) {
            assertThat(kernel.execute(FILL_THE_HEAP, Duration.ofMinutes(3)).reply().get("ename").asText()).isEqualTo("OutOfMemoryError");
            ProcessHandle process = ProcessHandle.of(kernel.call("pid").get("pid").asLong()).orElseThrow();

            process.destroy();

            // The client is the kernel's parent: asking it whether the kernel lives reaps the exited process.
            // Generous: only proves SIGTERM is not ignored, as it was with a full heap.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (kernel.call("is_alive").get("alive").asBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(kernel.call("is_alive").get("alive").asBoolean()).isFalse();
            assertThat(process.isAlive()).isFalse();
        }
    }
}
