package io.kindling.kernel.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTextTest {
    private static final String RED = "\u001b[1;31m";
    private static final String RESET = "\u001b[0m";

    @Test
    void theErrorNameIsBoldRedAsInIPython() {
        assertThat(ErrorText.traceback("java.lang.ArithmeticException", List.of("java.lang.ArithmeticException: / by zero",
                "\tat cell [3] line 2")))
                .containsExactly(RED + "java.lang.ArithmeticException" + RESET + ": / by zero", "\tat cell [3] line 2");
        assertThat(ErrorText.traceback("UsageError", List.of("%maven failed: UsageError: bad")).get(0))
                .isEqualTo("%maven failed: " + RED + "UsageError" + RESET + ": bad");
    }

    @Test
    void withoutItsNameTheHeadlineIsColouredUpToItsColon() {
        assertThat(ErrorText.traceback("CompilationError", List.of("Line 2, column 14: cannot find symbol")).get(0))
                .isEqualTo(RED + "Line 2, column 14" + RESET + ": cannot find symbol");
    }

    @Test
    void longProseIsWrappedButFramesAndCompileCaretsKeepTheirShape() {
        String prose = "FUNCTION_FAILED: " + "the function failed on group region=nowhere ".repeat(3).strip();
        String code = "int broken = " + "nope + ".repeat(20) + "1;";
        String caret = " ".repeat(13) + "^--^";
        String frame = "\tat " + "very.long.package.".repeat(8) + "Type.method(Type.java:1)";

        List<String> styled = ErrorText.traceback("FUNCTION_FAILED", List.of(prose, code, caret, frame));

        assertThat(styled).hasSize(5);
        assertThat(styled.get(0)).startsWith(RED + "FUNCTION_FAILED" + RESET + ": the function failed");
        assertThat(styled.get(1)).startsWith("    ").hasSizeLessThanOrEqualTo(100);
        assertThat(styled.subList(2, 5)).containsExactly(code, caret, frame);
    }
}
