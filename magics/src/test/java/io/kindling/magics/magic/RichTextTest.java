package io.kindling.magics.magic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RichTextTest {

    @Test
    void escapeLeavesNoMarkupAndNoMathDelimiter() {
        assertThat(RichText.escape("costs $5 and $10 <b>&'\""))
                .isEqualTo("costs &#36;5 and &#36;10 &lt;b&gt;&amp;&#39;&quot;")
                .doesNotContain("$");
    }

    @Test
    void withoutMathJaxMarksTheBlockForBothMathJaxVersions() {
        assertThat(RichText.withoutMathJax("<b>x</b>"))
                .isEqualTo("<div class=\"tex2jax_ignore mathjax_ignore\"><b>x</b></div>");
    }
}
