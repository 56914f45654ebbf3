package io.kindling.kernel.jshell;

import io.kindling.kernel.memory.HeapReserve;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames JShell did not translate (a live exception's, Spark's call sites) are named by cell lines. */
class CellFramesTest {
    private static JavaEvaluator evaluator;

    @TempDir
    static Path executorClasses;

    @BeforeAll
    static void startJShell() {
        evaluator = JavaEvaluator.start(System.getProperty("java.class.path"), List.of(),
                new PrintStream(OutputStream.nullOutputStream()), executorClasses, HeapReserve.forThisJvm(() -> { }));
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    @Test
    void aLambdaFrameIsNamedByItsCellLine() {
        evaluator.evaluate(new CellSource("int unused = 0;\n\nRunnable failing = () -> {\n    int zero = 0;\n"
                + "    System.out.println(1 / zero);\n};", 29));
        Throwable thrown = (Throwable) evaluator.evaluate(new CellSource(
                "Throwable caught = null;\ntry { failing.run(); } catch (Throwable e) { caught = e; }\ncaught", 30)).orElseThrow();

        StackTraceElement lambda = Arrays.stream(thrown.getStackTrace())
                .filter(f -> f.getMethodName().startsWith("lambda$")).findFirst().orElseThrow();

        assertThat(lambda.getFileName()).startsWith("$JShell$");
        assertThat(evaluator.cellFrames().cellLine(lambda)).contains("cell [29] line 5");
        assertThat(evaluator.cellFrames().rename("reduce at " + lambda.getFileName() + ":" + lambda.getLineNumber(), 31))
                .isEqualTo("reduce at cell [29] line 5");
    }

    @Test
    void aCallSiteOfTheSnippetStillRunningNamesTheRunningCell() {
        assertThat(evaluator.cellFrames().rename("count at $JShell$9999.java:12 and collect at X.java:3", 41))
                .isEqualTo("count at cell [41] and collect at X.java:3");
        assertThat(evaluator.cellFrames().rename("no cell code here", 41)).isEqualTo("no cell code here");
    }
}
