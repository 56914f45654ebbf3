package io.kindling.kernel.jshell;

import io.kindling.kernel.memory.HeapReserve;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class JavaCodeAssistTest {
    private static JavaEvaluator evaluator;
    private static JavaCodeAssist assist;

    @TempDir
    static Path executorClasses;

    @BeforeAll
    static void startJShell() {
        evaluator = JavaEvaluator.start(System.getProperty("java.class.path"), List.of(),
                new PrintStream(OutputStream.nullOutputStream()), executorClasses, HeapReserve.forThisJvm(() -> { }));
        assist = new JavaCodeAssist(evaluator);
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    @Test
    void completesMembersWithTheReplacedRange() {
        JavaCodeAssist.Completion completion = assist.complete("Math.ma", 7);

        assertThat(completion.matches()).contains("max(");
        assertThat(completion.start()).isEqualTo(5);
        assertThat(completion.end()).isEqualTo(7);
    }

    @Test
    void completesInsideTheSecondSnippetOfACell() {
        evaluator.evaluate(new CellSource("String kindlingText = \"abc\";", 1));
        String cell = "int first = 1;\nint second = 2;\nkindlingText.toUpp";
        JavaCodeAssist.Completion completion = assist.complete(cell, cell.length());

        assertThat(completion.matches()).containsExactly("toUpperCase(");
        assertThat(completion.start()).isEqualTo(cell.length() - "toUpp".length());
    }

    @Test
    void completesVariablesDefinedByEarlierCells() {
        evaluator.evaluate(new CellSource("var kindlingCounter = 1;", 1));

        assertThat(assist.complete("kindlingCou", 11).matches()).contains("kindlingCounter");
    }

    @Test
    void inspectsAtTheEndOfAName() {
        assertThat(assist.inspect("Math.max", 8)).hasValueSatisfying(
                i -> assertThat(i.signature()).contains("int Math.max(int a, int b)"));
    }

    @Test
    void inspectsInsideCallParentheses() {
        assertThat(assist.inspect("Math.abs(-1)", 9)).hasValueSatisfying(
                i -> assertThat(i.signature()).contains("int Math.abs(int a)"));
    }

    @Test
    void aLibrarysJavadocShowsOnceItsSourcesJarIsAdded(@TempDir Path library) throws Exception {
        String source = """
                package kindling.lib;

                public final class Greeter {
                    /**
                     * Greets someone by name, politely.
                     *
                     * @param name who is greeted
                     */
                    public static String greet(String name) {
                        return "hello " + name;
                    }
                }
                """;
        Path sourceFile = Files.createDirectories(library.resolve("src/kindling/lib")).resolve("Greeter.java");
        Files.writeString(sourceFile, source);
        Path classes = Files.createDirectories(library.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-g", "-d", classes.toString(), sourceFile.toString()))
                .isZero();
        Path sourcesJar = library.resolve("greeter-1.0-sources.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(sourcesJar))) {
            jar.putNextEntry(new JarEntry("kindling/lib/Greeter.java"));
            jar.write(source.getBytes(StandardCharsets.UTF_8));
        }
        evaluator.addToClasspath(classes.toString());
        String code = "kindling.lib.Greeter.greet";

        assertThat(assist.inspect(code, code.length())).hasValueSatisfying(i -> {
            assertThat(i.signature()).contains("String kindling.lib.Greeter.greet(String");
            assertThat(i.javadoc()).as("no sources yet").isEmpty();
        });
        evaluator.addSources(sourcesJar);
        assertThat(assist.inspect(code, code.length())).hasValueSatisfying(
                i -> assertThat(i.javadoc()).hasValueSatisfying(doc -> assertThat(doc).contains("Greets someone by name, politely.")
                        .contains("who is greeted")));
        assertThat(assist.inspect("Math.max", 8)).as("the JDK's Javadoc stays").hasValueSatisfying(
                i -> assertThat(i.javadoc()).hasValueSatisfying(doc -> assertThat(doc).contains("greater of two")));
    }

    @Test
    void readinessOfCompleteIncompleteAndInvalidCode() {
        assertThat(assist.readiness("int x = 1;")).isEqualTo(JavaCodeAssist.Readiness.COMPLETE);
        assertThat(assist.readiness("int x = 1")).isEqualTo(JavaCodeAssist.Readiness.COMPLETE);
        assertThat(assist.readiness("for (int i = 0; i < 3; i++) {")).isEqualTo(JavaCodeAssist.Readiness.INCOMPLETE);
        assertThat(assist.readiness("Math.max(1,")).isEqualTo(JavaCodeAssist.Readiness.INCOMPLETE);
        assertThat(assist.readiness("String s = \"never closed")).isEqualTo(JavaCodeAssist.Readiness.INVALID);
        assertThat(assist.readiness("int x = ;")).isEqualTo(JavaCodeAssist.Readiness.INVALID);
    }

    @Test
    void codeThatCanNeverCompileIsInvalidWhileUnknownNamesAreNot() {
        assertThat(assist.readiness("int 3x = 1;")).isEqualTo(JavaCodeAssist.Readiness.INVALID);
        assertThat(assist.readiness("int ok = 1;\n1 +* 2")).isEqualTo(JavaCodeAssist.Readiness.INVALID);
        // A later cell may declare these: only javac's parser decides what is invalid.
        assertThat(assist.readiness("notDeclaredYet.call();")).isEqualTo(JavaCodeAssist.Readiness.COMPLETE);
        assertThat(assist.readiness("notDeclaredYet + 1")).isEqualTo(JavaCodeAssist.Readiness.COMPLETE);
        assertThat(assist.readiness("import java.util.concurrent.*;\nvar q = new ConcurrentLinkedQueue<String>();"))
                .isEqualTo(JavaCodeAssist.Readiness.COMPLETE);
        assertThat(assist.readiness("record P(int x) {}\nint twice(int v) { return 2 * v; }\nfinal var p = new P(1);\nx -> x"))
                .isEqualTo(JavaCodeAssist.Readiness.COMPLETE);
    }

    @Test
    void completesNamesDeclaredEarlierInTheCellBeingWrittenWithoutRunningIt() {
        String cell = "String cellText = \"abc\"; cellText.toUpperC";
        JavaCodeAssist.Completion completion = assist.complete(cell, cell.length());

        assertThat(completion.matches()).containsExactly("toUpperCase(");
        assertThat(completion.start()).isEqualTo(cell.length() - "toUpperC".length());
        assertThat(completion.end()).isEqualTo(cell.length());
        assertThat(evaluator.variableNames()).doesNotContain("cellText");
    }

    @Test
    void completesMethodsRecordsAndVariablesOfTheCellThatReferToEachOther() {
        String cell = """
                record Trip(String region, double km) {}
                int cellTwice(int v) { return 2 * v; }
                var cellTrips = java.util.List.of(new Trip("north", 4.2));
                Runtime.getRuntime().halt(1);
                var cellFirst = cellTrips.get(0);
                cellFirst.reg""";
        assertThat(assist.complete(cell, cell.length()).matches()).contains("region()");
        String method = cell.substring(0, cell.lastIndexOf('\n') + 1) + "cellTw";
        JavaCodeAssist.Completion completion = assist.complete(method, method.length());
        assertThat(completion.matches()).containsExactly("cellTwice(");
        assertThat(completion.start()).isEqualTo(method.length() - "cellTw".length());
    }

    @Test
    void completionInTheCellDoesNotOfferItsStandInClass() {
        String cell = "int cellNumber = 1;\n$Kindl";
        assertThat(assist.complete(cell, cell.length()).matches()).isEmpty();
    }
}
