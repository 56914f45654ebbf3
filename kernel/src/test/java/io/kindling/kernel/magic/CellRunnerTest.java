package io.kindling.kernel.magic;

import io.kindling.kernel.memory.HeapReserve;
import io.kindling.kernel.jshell.CellInterrupted;
import io.kindling.kernel.jshell.CellSource;
import io.kindling.kernel.jshell.JavaEvaluator;
import io.kindling.magics.magic.CellMagic;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.LineMagic;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.MagicSpec;
import io.kindling.magics.magic.OptionSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The cell runner in-process, over a real JShell: order of parts, magic dispatch and how failures reach the cell. */
class CellRunnerTest {
    private static JavaEvaluator evaluator;
    private static int cells;
    private static final List<String> calls = new ArrayList<>();

    @TempDir
    static Path executorClasses;

    /** {@code %note TEXT}: records TEXT and returns it; {@code --fail} throws an explained error. */
    private static final LineMagic NOTE = new LineMagic() {
        private final MagicSpec spec = new MagicSpec("note", MagicSpec.Kind.LINE, "records a note", List.of("text"), true,
                List.of(OptionSpec.flag("fail", 'f', "fail with an explained error")), "%note hello");

        @Override
        public MagicSpec spec() {
            return spec;
        }

        @Override
        public Optional<Object> run(MagicArguments arguments, MagicContext context) {
            if (arguments.has("fail")) {
                throw new MagicError(ErrorName.UNKNOWN_TABLE, "no table 'x'", List.of("detail line"), null);
            }
            String text = String.join(" ", arguments.positionals());
            calls.add("note " + text);
            return Optional.of(text);
        }
    };

    /** {@code %%upper NAME}: binds the body upper-cased as a String variable NAME. */
    private static final CellMagic UPPER = new CellMagic() {
        private final MagicSpec spec = new MagicSpec("upper", MagicSpec.Kind.CELL, "binds the body upper-cased",
                List.of("name"), false, List.of(), "%%upper shout\nhello");

        @Override
        public MagicSpec spec() {
            return spec;
        }

        @Override
        public Optional<Object> run(MagicArguments arguments, String body, MagicContext context) {
            String name = arguments.positional(0).orElseThrow();
            context.bind(name, body.toUpperCase(), String.class);
            return Optional.of(body.length());
        }
    };

    private static final MagicRegistry registry = new MagicRegistry().register(NOTE).register(UPPER);

    @BeforeAll
    static void startJShell() {
        evaluator = JavaEvaluator.start(System.getProperty("java.class.path"), List.of(),
                new PrintStream(OutputStream.nullOutputStream()), executorClasses, HeapReserve.forThisJvm(() -> { }));
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    private static Optional<Object> run(String cell, TestMagicContext context) {
        return new CellRunner(evaluator, registry).run(new CellSource(cell, ++cells), context);
    }

    private static Optional<Object> run(String cell) {
        return run(cell, new TestMagicContext(evaluator));
    }

    @Test
    void javaAndLineMagicsRunInOrderAndTheLastStepIsTheResult() {
        calls.clear();

        Optional<Object> value = run("int before = 1;\n%note first step\nint after = before + 1;\nafter * 10");

        assertThat(calls).containsExactly("note first step");
        assertThat(value).contains(20);
        assertThat(run("%note last")).contains("last");
    }

    @Test
    void aCellMagicGetsItsArgumentsAndBodyAndBindsForLaterCells() {
        Optional<Object> value = run("%%upper shout\nhello world");

        assertThat(value).contains(11);
        assertThat(run("shout")).contains("HELLO WORLD");
    }

    @Test
    void helpComesFromTheMagicsOwnSpec() {
        assertThat(run("%%upper?\nignored")).hasValueSatisfying(help -> assertThat(help.toString())
                .contains("binds the body upper-cased").contains("%%upper shout"));
    }

    @Test
    void anUnknownMagicIsNamedWithCloseOnes() {
        assertThatThrownBy(() -> run("%nots x")).isInstanceOf(UnknownMagicException.class)
                .hasMessage("unknown magic %nots (did you mean %note?); %lsmagic lists the magics this kernel knows");
    }

    @Test
    void aWrongOptionIsAUsageErrorWithTheUsageLine() {
        MagicFailure failure = catchThrowableOfType(() -> run("%note --loud x"), MagicFailure.class);

        assertThat(failure.errorName()).isEqualTo("UsageError");
        assertThat(failure.traceback().get(1)).startsWith("Usage: %note");
    }

    @Test
    void anExplainedMagicErrorKeepsItsNameAndDetails() {
        MagicFailure failure = catchThrowableOfType(() -> run("%note --fail"), MagicFailure.class);

        assertThat(failure.errorName()).isEqualTo("UNKNOWN_TABLE");
        assertThat(failure.traceback()).containsExactly("UNKNOWN_TABLE: %note: no table 'x'", "detail line");
    }

    @Test
    void aCancelledCellRunsNoFurtherPart() {
        calls.clear();
        TestMagicContext context = new TestMagicContext(evaluator);
        context.cancellation().cancel();

        assertThatThrownBy(() -> run("%note never", context)).isInstanceOf(CellInterrupted.class);
        assertThat(calls).isEmpty();
    }
}
