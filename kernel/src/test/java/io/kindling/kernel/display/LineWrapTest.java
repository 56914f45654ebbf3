package io.kindling.kernel.display;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineWrapTest {

    @Test
    void shortLinesStayAsTheyAre() {
        assertThat(LineWrap.line("a short line", 100)).containsExactly("a short line");
    }

    @Test
    void longLinesBreakAtWordsAndIndentTheirContinuations() {
        String line = "  " + "word ".repeat(50).strip();

        List<String> wrapped = LineWrap.line(line, 40);

        assertThat(wrapped).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(40));
        assertThat(wrapped.get(0)).startsWith("  word");
        assertThat(wrapped.subList(1, wrapped.size())).allSatisfy(part -> assertThat(part).startsWith("      word"));
        assertThat(String.join(" ", wrapped).replaceAll("\\s+", " ").strip()).isEqualTo(line.strip());
    }

    @Test
    void aWordLongerThanTheWidthIsNeverCut() {
        String url = "http://example.com/" + "x".repeat(120);

        assertThat(LineWrap.line("see " + url + " for more", 100)).containsExactly("see", "    " + url, "    for more");
    }

    @Test
    void textWrapsEachLine() {
        assertThat(LineWrap.text("one\n" + "two ".repeat(30).strip() + "\n"))
                .isEqualTo("one\n" + "two ".repeat(25).strip() + "\n    " + "two ".repeat(5).strip() + "\n");
    }
}
