package io.kindling.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run All with {@code stop_on_error}: requests queued behind a cell that fails or is interrupted are
 * answered {@code aborted}, as IPython does, and a request sent after the queue drained runs.
 *
 * <p>The failing cell first asks for input, and the client answers only after it queued the later
 * requests, so they are waiting in the kernel when the cell fails, however slow the machine is.
 */
class StopOnErrorKernelTest {
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
    void aFailedCellAbortsTheQueuedOnesAndALaterRequestRuns() throws Exception {
        String failing = submit("input(\"go? \");\nthrow new IllegalStateException(\"first cell failed\");", true);
        String second = submit("System.out.println(\"second ran\");", false);
        String third = submit("System.out.println(\"third ran\");", false);
        kernel.call("answer_input", "text", "go");

        JupyterDriver.Execution failed = collect(failing);
        JupyterDriver.Execution secondCell = collect(second);
        JupyterDriver.Execution thirdCell = collect(third);
        JupyterDriver.Execution fourth = kernel.execute("\"fourth ran\"");

        assertThat(failed.status()).isEqualTo("error");
        assertThat(failed.traceback()).contains("first cell failed");
        assertAborted(secondCell);
        assertAborted(thirdCell);
        assertThat(fourth.status()).isEqualTo("ok");
        assertThat(fourth.resultText()).isEqualTo("fourth ran");
        assertThat(fourth.reply().get("execution_count").asInt())
                .as("aborted requests take no execution count")
                .isEqualTo(failed.reply().get("execution_count").asInt() + 1);
    }

    @Test
    void anInterruptedCellAbortsTheQueuedOnes() throws Exception {
        String looping = submit("input(\"go? \");\nSystem.out.println(\"looping\");\nwhile (true) { Thread.sleep(20); }", true);
        String second = submit("System.out.println(\"second ran\");", false);
        String third = submit("System.out.println(\"third ran\");", false);
        kernel.call("answer_input", "text", "go");
        kernel.call("wait_stream", "msg_id", looping, "text", "looping");
        kernel.call("interrupt");

        JupyterDriver.Execution interrupted = collect(looping);
        JupyterDriver.Execution secondCell = collect(second);
        JupyterDriver.Execution thirdCell = collect(third);

        assertThat(interrupted.reply().get("ename").asText()).isEqualTo("Interrupted");
        assertAborted(secondCell);
        assertAborted(thirdCell);
        assertThat(kernel.execute("\"after\"").resultText()).isEqualTo("after");
    }

    @Test
    void withoutStopOnErrorTheQueuedCellsRun() throws Exception {
        String failing = kernel.call("submit", "code", "input(\"go? \");\nthrow new IllegalStateException(\"x\");",
                "allow_stdin", true, "stop_on_error", false).get("msg_id").asText();
        String second = kernel.call("submit", "code", "\"second ran\"", "stop_on_error", false).get("msg_id").asText();
        kernel.call("answer_input", "text", "go");

        assertThat(collect(failing).status()).isEqualTo("error");
        assertThat(collect(second).resultText()).isEqualTo("second ran");
    }

    private static void assertAborted(JupyterDriver.Execution cell) {
        assertThat(cell.status()).isEqualTo("aborted");
        assertThat(cell.types()).isEqualTo(List.of("status", "status"));
        assertThat(cell.stream("stdout")).isEmpty();
    }

    private static String submit(String code, boolean allowStdin) throws IOException {
        return kernel.call("submit", "code", code, "allow_stdin", allowStdin, "stop_on_error", true)
                .get("msg_id").asText();
    }

    private static JupyterDriver.Execution collect(String msgId) throws IOException {
        return new JupyterDriver.Execution(kernel.call("collect", "msg_id", msgId, "timeout", 60));
    }
}
