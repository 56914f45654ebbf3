package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cells through a real Jupyter client and the installed kernel: values, output, errors, magics, assistance. */
class KernelExecutionTest {
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
    void kernelInfoDescribesJavaAndSaysOk() throws Exception {
        JsonNode info = kernel.call("kernel_info");

        assertThat(info.get("status").asText()).isEqualTo("ok");
        assertThat(info.get("implementation").asText()).isEqualTo("kindling");
        assertThat(info.at("/language_info/name").asText()).isEqualTo("java");
        assertThat(info.at("/language_info/mimetype").asText()).isEqualTo("text/x-java");
        assertThat(info.at("/language_info/file_extension").asText()).isEqualTo(".jshell");
        assertThat(info.at("/language_info/codemirror_mode").asText()).isEqualTo("text/x-java");
        assertThat(info.at("/language_info/version").asText()).startsWith(String.valueOf(Runtime.version().feature()));
    }

    @Test
    void lastExpressionIsTheResultAndStatementsPrintNothing() throws Exception {
        JupyterDriver.Execution declaration = kernel.execute("int answer = 6 * 7;");
        JupyterDriver.Execution expression = kernel.execute("answer");

        assertThat(declaration.status()).isEqualTo("ok");
        assertThat(declaration.messages("execute_result")).isEmpty();
        assertThat(declaration.messages("stream")).isEmpty();
        assertThat(expression.resultText()).isEqualTo("42");
        assertThat(expression.reply().get("execution_count").asInt())
                .isEqualTo(declaration.reply().get("execution_count").asInt() + 1);
    }

    @Test
    void arraysShowTheirContents() throws Exception {
        assertThat(kernel.execute("new int[][]{{1, 2}, {3}}").resultText()).isEqualTo("[[1, 2], [3]]");
    }

    @Test
    void stdoutAndStderrKeepTheirOrderAndStreamWhileTheCellRuns() throws Exception {
        JupyterDriver.Execution cell = kernel.execute(
                "System.out.println(\"one\"); System.err.println(\"two\"); System.out.println(\"three\");\n"
                        + "Thread.sleep(3000);\nSystem.out.println(\"late\");");

        // Line by line: output is flushed on a timer, so one println may arrive in two messages.
        List<String> order = new ArrayList<>();
        String name = null;
        StringBuilder run = new StringBuilder();
        for (JsonNode stream : cell.messages("stream")) {
            if (!stream.get("name").asText().equals(name)) {
                addLines(order, name, run);
                name = stream.get("name").asText();
            }
            run.append(stream.get("text").asText());
        }
        addLines(order, name, run);
        assertThat(String.join(",", order)).isEqualTo("stdout:one,stderr:two,stdout:three,stdout:late");
        JsonNode firstStream = null;
        for (JsonNode message : cell.raw().get("iopub")) {
            if (message.get("msg_type").asText().equals("stream")) {
                firstStream = message;
                break;
            }
        }
        assertThat(firstStream).isNotNull();
        assertThat(cell.raw().get("seconds").asDouble() - firstStream.get("seconds").asDouble())
                .as("'one' reached the frontend while the 3 s sleep ran (2 s of slack for a busy machine)")
                .isGreaterThan(1.0);
    }

    private static void addLines(List<String> lines, String stream, StringBuilder text) {
        text.toString().lines().forEach(line -> lines.add(stream + ":" + line));
        text.setLength(0);
    }

    @Test
    void compileErrorShowsTheCellLineAndACaret() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("int fine = 1;\nint broken = nope + 1;");

        assertThat(cell.status()).isEqualTo("error");
        assertThat(cell.error().get("ename").asText()).isEqualTo("CompilationError");
        assertThat(cell.traceback()).contains("Line 2, column 14: cannot find symbol")
                .contains("int broken = nope + 1;\n             ^--^");
    }

    @Test
    void runtimeExceptionShowsTypeMessageAndCellLineWithoutKernelFrames() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("String s = null;\ns.length()");

        assertThat(cell.status()).isEqualTo("error");
        assertThat(cell.reply().get("ename").asText()).isEqualTo("java.lang.NullPointerException");
        assertThat(cell.traceback()).contains("line 2").doesNotContain("io.kindling").doesNotContain("jdk.jshell");
        assertThat(cell.rawTraceback().get(0)).as("the error's name in bold red, as IPython shows it")
                .startsWith("\u001b[1;31mjava.lang.NullPointerException\u001b[0m");
    }

    @Test
    void systemExitFailsTheCellAndTheKernelLives() throws Exception {
        JupyterDriver.Execution exit = kernel.execute("System.exit(1)");

        assertThat(exit.status()).isEqualTo("error");
        assertThat(exit.error().get("evalue").asText()).contains("System.exit(1) was called from a cell");
        assertThat(kernel.execute("\"alive\"").resultText()).isEqualTo("alive");
    }

    @Test
    void hugeOutputIsTruncatedWithAMarkerAndTheKernelLives() throws Exception {
        JupyterDriver.Execution cell = kernel.execute(
                "var line = \"x\".repeat(1023) + \"\\n\"; for (int i = 0; i < 50 * 1024; i++) System.out.print(line);");

        assertThat(cell.status()).isEqualTo("ok");
        assertThat(cell.stream("stdout").length()).isEqualTo(2 * 1024 * 1024);
        assertThat(cell.stream("stderr")).contains("[Kindling: output truncated, 48.0 MiB more were dropped");
        assertThat(kernel.execute("1 + 1").resultText()).isEqualTo("2");
    }

    @Test
    void brokenToStringIsShownAsSuchAndTheCellSucceeds() throws Exception {
        JupyterDriver.Execution cell = kernel.execute(
                "new Object() { public String toString() { throw new IllegalStateException(\"no text\"); } }");

        assertThat(cell.status()).isEqualTo("ok");
        assertThat(cell.resultText()).contains("could not be shown").contains("IllegalStateException: no text");
    }

    @Test
    void stdinReadsFromTheFrontend() throws Exception {
        JupyterDriver.Execution cell = kernel.execute(
                "var in = new java.util.Scanner(System.in); in.nextLine().toUpperCase() + \"/\" + input(\"Again? \")",
                List.of("kindling", "yes"));

        assertThat(cell.messages("input_request")).hasSize(2);
        assertThat(cell.messages("input_request").get(1).get("prompt").asText()).isEqualTo("Again? ");
        assertThat(cell.resultText()).isEqualTo("KINDLING/yes");
    }

    @Test
    void stdinWithoutFrontendSupportIsAClearError() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("new java.util.Scanner(System.in).nextLine()");

        assertThat(cell.status()).isEqualTo("error");
        assertThat(cell.traceback()).contains("does not accept input");
    }

    @Test
    void displayAndUpdateInPlace() throws Exception {
        JupyterDriver.Execution cell = kernel.execute(
                "var progress = display(\"0%\"); progress.update(html(\"<b>100%</b>\")); display(markdown(\"*done*\"));");

        List<JsonNode> shown = cell.messages("display_data");
        List<JsonNode> updated = cell.messages("update_display_data");
        assertThat(shown).hasSize(2);
        assertThat(shown.get(0).at("/data/text~1plain").asText()).isEqualTo("0%");
        assertThat(updated).hasSize(1);
        assertThat(updated.get(0).at("/transient/display_id").asText())
                .isEqualTo(shown.get(0).at("/transient/display_id").asText());
        assertThat(updated.get(0).at("/data/text~1html").asText()).isEqualTo("<b>100%</b>");
        assertThat(shown.get(1).at("/data/text~1markdown").asText()).isEqualTo("*done*");
    }

    @Test
    void aDisplayComesAfterTheTextPrintedBeforeIt() throws Exception {
        JupyterDriver.Execution cell = kernel.execute(
                "System.out.println(\"title\"); display(\"table\"); System.out.println(\"footer\");");

        List<String> order = cell.types().stream().filter(t -> t.equals("stream") || t.equals("display_data")).toList();
        assertThat(order).containsExactly("stream", "display_data", "stream");
        assertThat(cell.messages("stream").get(0).get("text").asText()).isEqualTo("title\n");
        assertThat(cell.messages("stream").get(1).get("text").asText()).isEqualTo("footer\n");
    }

    @Test
    void lineMagicsRunBetweenJavaLinesInOrder() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("System.out.println(\"before\");\n%lsmagic\n");

        assertThat(cell.stream("stdout")).isEqualTo("before\n");
        assertThat(cell.resultText()).contains("%classpath").contains("%maven").contains("%lsmagic");
    }

    @Test
    void magicHelpComesFromTheMagicsOwnDeclaration() throws Exception {
        assertThat(kernel.execute("%maven?").resultText())
                .startsWith("%maven [-r|--repo ID=URL]... [coordinates]...")
                .contains("Example:");
    }

    @Test
    void unknownMagicAndBadOptionsSayWhatWasWrong() throws Exception {
        JupyterDriver.Execution unknown = kernel.execute("%mavne org.example:x:1");
        JupyterDriver.Execution badOption = kernel.execute("%maven --rep x=y org.example:x:1");
        JupyterDriver.Execution badCoordinate = kernel.execute("%maven not-a-coordinate");

        assertThat(unknown.error().get("evalue").asText()).contains("unknown magic %mavne (did you mean %maven?)");
        assertThat(badOption.error().get("evalue").asText()).contains("unknown option --rep for %maven (did you mean --repo?)");
        assertThat(badOption.traceback()).contains("Usage: %maven");
        assertThat(badCoordinate.error().get("evalue").asText()).contains("'not-a-coordinate' is not a Maven coordinate");
    }

    @Test
    void mavenMagicResolvesFromMavenCentralIntoTheClassPath() throws Exception {
        JupyterDriver.Execution added = kernel.execute("%maven org.apache.commons:commons-text:1.12.0");
        JupyterDriver.Execution used = kernel.execute(
                "new org.apache.commons.text.StringSubstitutor(Map.of(\"who\", \"Kindling\")).replace(\"hello ${who}\")");

        assertThat(added.status()).isEqualTo("ok");
        assertThat(added.stream("stdout")).contains("commons-text-1.12.0.jar").contains("commons-lang3-")
                .contains("Javadoc (Shift-Tab) from commons-text-1.12.0-sources.jar");
        assertThat(used.resultText()).isEqualTo("hello Kindling");

        String code = "org.apache.commons.text.WordUtils.capitalizeFully";
        JsonNode inspection = kernel.call("inspect", "code", code, "cursor_pos", code.length());
        assertThat(inspection.at("/data/text~1plain").asText()).as("the library's Javadoc, from its sources jar")
                .contains("Converts all the whitespace separated words in a String into capitalized words")
                .contains("Parameters:");
    }

    @Test
    void mavenMagicNamesAnArtifactThatDoesNotExist() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("%maven io.kindling.nonexistent:nothing:0.0.1");

        assertThat(cell.status()).isEqualTo("error");
        assertThat(cell.error().get("evalue").asText()).contains("io.kindling.nonexistent:nothing:0.0.1").contains("not found");
        assertThat(cell.traceback().split("not found", -1)).as("the resolver's message is said once").hasSize(2);
    }

    @Test
    void classpathMagicAddsAJar() throws Exception {
        Path jar = Files.list(Path.of(System.getProperty("kindling.dist"), "lib"))
                .filter(p -> p.getFileName().toString().startsWith("jnacl-")).findFirst().orElseThrow();
        Path copy = Files.createDirectories(InstalledKernel.work().resolve("jars")).resolve("extra.jar");
        Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        JupyterDriver.Execution added = kernel.execute("%jars " + copy.getParent() + "/*.jar");
        JupyterDriver.Execution missing = kernel.execute("%classpath /no/such/*.jar");

        assertThat(added.stream("stdout")).contains("extra.jar");
        assertThat(missing.error().get("evalue").asText()).contains("nothing matches '/no/such/*.jar'");
    }

    @Test
    void completionInspectionAndCompleteness() throws Exception {
        JsonNode completion = kernel.call("complete", "code", "String.valueO", "cursor_pos", 13);
        JsonNode magicCompletion = kernel.call("complete", "code", "%ma", "cursor_pos", 3);
        JsonNode emojiCompletion = kernel.call("complete", "code", "\"\uD83D\uDD25\".isEmp", "cursor_pos", 9);
        JsonNode inspection = kernel.call("inspect", "code", "Math.max", "cursor_pos", 8);

        assertThat(completion.get("matches").toString()).contains("valueOf(");
        assertThat(completion.get("cursor_start").asInt()).isEqualTo(7);
        assertThat(magicCompletion.get("matches").toString()).contains("%maven");
        assertThat(emojiCompletion.get("cursor_start").asInt()).as("code points, not UTF-16 units").isEqualTo(4);
        assertThat(emojiCompletion.get("matches").toString()).contains("isEmpty()");
        assertThat(inspection.get("found").asBoolean()).isTrue();
        assertThat(inspection.at("/data/text~1plain").asText()).contains("Math.max(int a, int b)")
                .as("Javadoc from the JDK's src.zip (local/install-deps.sh)").contains("Returns the greater of two");
        assertThat(kernel.call("is_complete", "code", "if (true) {").get("status").asText()).isEqualTo("incomplete");
        assertThat(kernel.call("is_complete", "code", "int x = ;").get("status").asText()).isEqualTo("invalid");
        assertThat(kernel.call("is_complete", "code", "%nosuchmagic").get("status").asText()).isEqualTo("invalid");
        assertThat(kernel.call("is_complete", "code", "%lsmagic").get("status").asText()).isEqualTo("complete");
    }

    @Test
    void completionOnSparkListsWhatUsersCallOnly() throws Exception {
        JsonNode completion = kernel.call("complete", "code", "Spark.", "cursor_pos", 6);

        assertThat(completion.get("matches").toString()).contains("session(").contains("kubernetes(").contains("local(")
                .doesNotContain("cellStarted").doesNotContain("jarAdded").doesNotContain("reapOrphans")
                .doesNotContain("shutdown").doesNotContain("kubeconfigClients");
    }

    @Test
    void completionSeesTheCellBeingWrittenAndIsCompleteRejectsWhatCanNeverCompile() throws Exception {
        String cell = "String s = \"abc\"; s.toUpperC";
        JsonNode completion = kernel.call("complete", "code", cell, "cursor_pos", cell.length());

        assertThat(completion.get("matches").toString()).contains("toUpperCase(");
        assertThat(completion.get("cursor_start").asInt()).isEqualTo(cell.length() - "toUpperC".length());
        assertThat(kernel.call("is_complete", "code", "int 3x = 1;").get("status").asText()).isEqualTo("invalid");
        assertThat(kernel.call("is_complete", "code", "notYetDeclared.run();").get("status").asText()).isEqualTo("complete");
    }

    @Test
    void historyHasTheInputsOfThisSession() throws Exception {
        kernel.execute("String remembered = \"history\";");

        JsonNode history = kernel.call("history", "hist_access_type", "tail", "n", 50, "output", false, "raw", true);

        assertThat(history.get("status").asText()).isEqualTo("ok");
        assertThat(history.get("history").toString()).contains("String remembered = \\\"history\\\";");
    }
}
