package io.kindling.kernel.jshell;

import io.kindling.kernel.memory.HeapReserve;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JavaEvaluatorTest {
    private static JavaEvaluator evaluator;
    private static int cells;
    private static HeapReserve reserve;

    @TempDir
    static Path executorClasses;

    @BeforeAll
    static void startJShell() {
        reserve = HeapReserve.forThisJvm(() -> { });
        evaluator = JavaEvaluator.start(System.getProperty("java.class.path"), List.of("import java.util.*;", "import java.util.stream.*;"),
                new PrintStream(OutputStream.nullOutputStream()), executorClasses, reserve);
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    private static java.util.Optional<Object> run(String code) {
        return evaluator.evaluate(new CellSource(code, ++cells));
    }

    @Test
    void lastExpressionIsTheRealObject() {
        assertThat(run("var list = new ArrayList<String>(); list.add(\"a\"); list")).containsInstanceOf(ArrayList.class);
        assertThat(run("1 + 1")).contains(2);
    }

    @Test
    void aCellsOwnImportAddsToTheStartupImportsInsteadOfReplacingThem() {
        // The start-up imports are one snippet; JShell would let an import with the same key replace all of them.
        assertThat(run("import java.util.*;")).isEmpty();
        assertThat(run("Stream.of(3, 1).sorted().collect(Collectors.toList())")).contains(List.of(1, 3));
    }

    @Test
    void declarationsAndStatementsShowNothing() {
        assertThat(run("int declared = 5;")).isEmpty();
        assertThat(run("declared = 6;")).isEmpty();
        assertThat(run("void noop() {}")).isEmpty();
        assertThat(run("noop()")).isEmpty();
        assertThat(run("declared")).contains(6);
    }

    @Test
    void compileErrorNamesCellLineAndDrawsCaret() {
        CompilationFailure failure = catchThrowableOfType(
                () -> run("int ok = 1;\nint broken = missing + 1;"), CompilationFailure.class);

        assertThat(failure.errorValue()).isEqualTo("cannot find symbol");
        assertThat(failure.traceback().get(0)).startsWith("Line 2, column 14: cannot find symbol");
        assertThat(failure.traceback()).containsSequence("int broken = missing + 1;", "             ^-----^");
    }

    @Test
    void anExplainedKindlingErrorShowsItsNameMessageAndDetailsWithoutFrames() {
        CellException failure = catchThrowableOfType(() -> run("""
                throw new io.kindling.magics.magic.MagicError(io.kindling.magics.magic.ErrorName.BAD_PROFILE,
                        "profiles.yaml:8:5: spark.kubernetes.executorz: unknown setting", List.of("known: executors"), null);"""),
                CellException.class);

        assertThat(failure.errorName()).isEqualTo("BAD_PROFILE");
        assertThat(failure.errorValue()).isEqualTo("profiles.yaml:8:5: spark.kubernetes.executorz: unknown setting");
        assertThat(failure.traceback()).containsExactly(
                "BAD_PROFILE: profiles.yaml:8:5: spark.kubernetes.executorz: unknown setting", "known: executors");
    }

    @Test
    void runtimeExceptionKeepsCausesAndPointsAtCellLine() {
        CellException failure = catchThrowableOfType(() -> run(
                "int x = 1;\nthrow new IllegalStateException(\"outer\", new ArithmeticException(\"inner\"));"),
                CellException.class);

        assertThat(failure.errorName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failure.errorValue()).isEqualTo("outer");
        assertThat(failure.traceback()).first().isEqualTo("java.lang.IllegalStateException: outer");
        assertThat(failure.traceback()).anySatisfy(line -> assertThat(line).matches("\\tat cell \\[\\d+\\] line 2"));
        assertThat(failure.traceback()).contains("Caused by: java.lang.ArithmeticException: inner");
        assertThat(failure.traceback()).noneSatisfy(line -> assertThat(line).contains("jdk.internal.reflect"));
    }

    @Test
    void aMemoryErrorOtherThanAFullHeapIsReportedAsTheJvmSaysItAndSpendsNoReserve() {
        CellException failure = catchThrowableOfType(() -> run("long[] tooLong = new long[Integer.MAX_VALUE];"), CellException.class);

        assertThat(failure.errorName()).isEqualTo("java.lang.OutOfMemoryError");
        assertThat(failure.errorValue()).isEqualTo("Requested array size exceeds VM limit");
        assertThat(String.join("\n", failure.traceback())).doesNotContain("heap").doesNotContain("-Xmx");
        assertThat(reserve.level()).isEqualTo(HeapReserve.Level.HELD);
        assertThat(run("1 + 1")).contains(2);
    }

    @Test
    void systemExitFailsTheCellInsteadOfTheJvm() {
        assertThatThrownBy(() -> run("System.exit(3)"))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("System.exit(3) was called from a cell");
        assertThatThrownBy(() -> run("Runtime.getRuntime().halt(4)"))
                .hasMessageContaining("System.exit(4) was called from a cell");
        assertThat(run("\"still alive\"")).contains("still alive");
    }

    @Test
    void incompleteCellIsAClearError() {
        CompilationFailure failure = catchThrowableOfType(() -> run("for (int i = 0; i < 3; i++) {"), CompilationFailure.class);

        assertThat(failure.traceback().get(0)).contains("Line 1: the cell ends in the middle");
    }

    @Test
    void interruptStopsTheLoopForReal() throws Exception {
        run("var counter = new java.util.concurrent.atomic.AtomicLong();");
        AtomicLong counter = (AtomicLong) evaluator.lookup("counter").orElseThrow();
        CompletableFuture<Throwable> cell = CompletableFuture.supplyAsync(() -> {
            try {
                run("while (true) { counter.incrementAndGet(); }");
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        while (counter.get() == 0) {
            Thread.sleep(10);
        }
        evaluator.stop();

        assertThat(cell.get(10, TimeUnit.SECONDS)).isInstanceOf(CellInterrupted.class);
        long afterStop = counter.get();
        Thread.sleep(300);
        assertThat(counter.get()).isEqualTo(afterStop);
        assertThat(run("counter.get() > 0")).contains(true);
    }

    @Test
    void interruptStopsASleep() throws Exception {
        CompletableFuture<Throwable> cell = CompletableFuture.supplyAsync(() -> {
            try {
                run("Thread.sleep(60_000);");
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        while (!evaluator.isRunning()) {
            Thread.sleep(10);
        }
        evaluator.stop();

        assertThat(cell.get(10, TimeUnit.SECONDS)).isInstanceOf(CellInterrupted.class);
    }

    @Test
    void bindAndLookupCrossTheBoundary() {
        evaluator.bind("bound", List.of(1, 2, 3), List.class);

        assertThat(run("bound.size()")).contains(3);
        assertThat(evaluator.lookup("bound")).contains(List.of(1, 2, 3));
        assertThat(evaluator.lookup("nothingHere")).isEmpty();
        assertThatThrownBy(() -> evaluator.bind("not a name", 1, Integer.class))
                .hasMessage("'not a name' is not a valid Java variable name");
    }

    @Test
    void usingAnUndefinedNameInAMethodIsExplained() {
        run("int usesLater() { return later * 2; }");

        assertThatThrownBy(() -> run("usesLater()"))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("later");
    }
}
