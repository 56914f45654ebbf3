package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Jupyter client (Debian's jupyter_client, in {@code kernel_driver.py}) driving the installed
 * kernel; each call is one JSON request and answer over the driver's stdin/stdout.
 */
final class JupyterDriver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedWriter commands;
    private final BufferedReader answers;

    private JupyterDriver(Process process) {
        this.process = process;
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the driver and, through it, the kindling kernel. */
    static JupyterDriver start(InstalledKernel kernel, Map<String, String> extraEnvironment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(InstalledKernel.python(
                InstalledKernel.pythonDir().resolve("kernel_driver.py").toString()));
        builder.environment().putAll(kernel.environment());
        builder.environment().putAll(extraEnvironment);
        builder.redirectError(InstalledKernel.work().resolve("kernel-driver.err").toFile());
        JupyterDriver driver = new JupyterDriver(builder.start());
        driver.call("start");
        return driver;
    }

    JsonNode call(String op, Object... keyValues) throws IOException {
        ObjectNode command = JSON.createObjectNode().put("op", op);
        for (int i = 0; i < keyValues.length; i += 2) {
            command.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        commands.write(JSON.writeValueAsString(command));
        commands.newLine();
        commands.flush();
        String line = answers.readLine();
        // The kernel inherits the driver's standard output, so what the kernel itself prints there (at shutdown,
        // say) arrives here too: answers are the JSON lines.
        while (line != null && !line.startsWith("{")) {
            System.err.println("kernel stdout: " + line);
            line = answers.readLine();
        }
        if (line == null) {
            throw new IOException("the Jupyter driver exited; see " + InstalledKernel.work().resolve("kernel-driver.err"));
        }
        JsonNode answer = JSON.readTree(line);
        if (answer.has("error")) {
            throw new IOException(op + " failed in the Jupyter client: " + answer.get("error").asText());
        }
        return answer.get("ok");
    }

    Execution execute(String code) throws IOException {
        return new Execution(call("execute", "code", code));
    }

    /** A cell that may take longer than the default three minutes (kernel_driver.py's CELL_TIMEOUT). */
    Execution execute(String code, java.time.Duration timeout) throws IOException {
        return new Execution(call("execute", "code", code, "timeout", timeout.toSeconds()));
    }

    Execution execute(String code, List<String> stdin) throws IOException {
        return new Execution(call("execute", "code", code, "stdin", stdin, "allow_stdin", true));
    }

    /** One cell's shell reply and the IOPub messages it caused, in order. */
    record Execution(JsonNode raw) {
        JsonNode reply() {
            return raw.get("reply");
        }

        String status() {
            return reply().get("status").asText();
        }

        List<JsonNode> messages(String type) {
            List<JsonNode> found = new ArrayList<>();
            raw.get("iopub").forEach(m -> {
                if (m.get("msg_type").asText().equals(type)) {
                    found.add(m.get("content"));
                }
            });
            return found;
        }

        List<String> types() {
            List<String> types = new ArrayList<>();
            raw.get("iopub").forEach(m -> types.add(m.get("msg_type").asText()));
            return types;
        }

        /** All text the cell streamed to {@code stdout} or {@code stderr}. */
        String stream(String name) {
            StringBuilder text = new StringBuilder();
            messages("stream").stream().filter(s -> s.get("name").asText().equals(name))
                    .forEach(s -> text.append(s.get("text").asText()));
            return text.toString();
        }

        String resultText() {
            List<JsonNode> results = messages("execute_result");
            return results.isEmpty() ? null : results.get(0).get("data").get("text/plain").asText();
        }

        JsonNode error() {
            List<JsonNode> errors = messages("error");
            return errors.isEmpty() ? null : errors.get(0);
        }

        /**
         * The traceback's text as a person reads it: without the ANSI colours, and with prose the kernel
         * wrapped at about 100 columns joined again (a continuation line is indented and follows a long line;
         * caret and frame lines are never continuations), so assertions do not depend on where lines broke.
         */
        String traceback() {
            List<String> lines = new ArrayList<>();
            error().get("traceback").forEach(l -> lines.add(l.asText().replaceAll("\u001b\\[[0-9;]*m", "")));
            StringBuilder text = new StringBuilder();
            String previous = null;
            for (String line : String.join("\n", lines).split("\n", -1)) {
                String content = line.strip();
                boolean continuation = previous != null && previous.length() > 70 && line.startsWith("    ")
                        && !content.startsWith("^") && !content.startsWith("at ") && !previous.startsWith("\t");
                text.append(previous == null ? "" : continuation ? " " : "\n").append(continuation ? content : line);
                previous = line;
            }
            return text.toString();
        }

        /** The traceback exactly as the kernel sent it, ANSI colours included. */
        List<String> rawTraceback() {
            List<String> lines = new ArrayList<>();
            error().get("traceback").forEach(l -> lines.add(l.asText()));
            return lines;
        }
    }

    /** Kills the Jupyter client with SIGKILL, as when a notebook server dies; the kernel is left orphaned. */
    void killClient() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        try {
            call("shutdown");
        } finally {
            commands.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
