package io.kindling.kernel.jshell;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JavaCodeAssistTest {
    private static JavaEvaluator evaluator;
    private static JavaCodeAssist assist;

    @TempDir
    static Path executorClasses;

    @BeforeAll
    static void startJShell() {
        evaluator = JavaEvaluator.start(System.getProperty("java.class.path"), List.of(),
                new PrintStream(OutputStream.nullOutputStream()), executorClasses);
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
    void readinessOfCompleteIncompleteAndInvalidCode() {
        assertThat(assist.readiness("int x = 1;")).isEqualTo(JavaCodeAssist.Readiness.COMPLETE);
        assertThat(assist.readiness("int x = 1")).isEqualTo(JavaCodeAssist.Readiness.COMPLETE);
        assertThat(assist.readiness("for (int i = 0; i < 3; i++) {")).isEqualTo(JavaCodeAssist.Readiness.INCOMPLETE);
        assertThat(assist.readiness("Math.max(1,")).isEqualTo(JavaCodeAssist.Readiness.INCOMPLETE);
        assertThat(assist.readiness("String s = \"never closed")).isEqualTo(JavaCodeAssist.Readiness.INVALID);
        assertThat(assist.readiness("int x = ;")).isEqualTo(JavaCodeAssist.Readiness.INVALID);
    }
}
