package io.kindling.kernel.jshell;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavadocTextTest {

    @Test
    void firstParagraphAndParametersAsPlainText() {
        String raw = """
                Returns the greater of two {@code int} values. That is, the
                result is the argument closer to the value of
                {@link Integer#MAX_VALUE}. If the arguments have the same value,
                the result is that same value.
                <p>
                Second paragraph, &lt;not shown&gt;.

                @param   a   an argument.
                @param   b   another
                            argument.
                @return  the larger of {@code a} and {@code b}.
                @throws ArithmeticException never, see {@link Math#addExact(int, int) addExact}
                """;

        assertThat(JavadocText.summary(raw)).isEqualTo("""
                Returns the greater of two int values. That is, the result is the argument closer to the value of \
                Integer#MAX_VALUE. If the arguments have the same value, the result is that same value.

                Parameters:
                  a – an argument.
                  b – another argument.

                Returns: the larger of a and b.
                Throws: ArithmeticException – never, see addExact""");
    }

    @Test
    void aCommentWithStarsAndNoTags() {
        assertThat(JavadocText.summary(" * Adds &amp; <b>counts</b>.\n *\n * More.")).isEqualTo("Adds & counts.");
    }

    @Test
    void aLibrarysCommentIndentedByOneSpaceKeepsItsParameters() {
        assertThat(JavadocText.summary(" Greets someone.\n\n @param name who is greeted\n @return the greeting\n"))
                .isEqualTo("Greets someone.\n\nParameters:\n  name – who is greeted\n\nReturns: the greeting");
    }
}
