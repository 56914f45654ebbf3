package io.kindling.kernel.display;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrayTextTest {

    @Test
    void primitiveObjectAndNestedArraysShowTheirContents() {
        assertThat(ArrayText.of(new int[]{1, 2, 3})).isEqualTo("[1, 2, 3]");
        assertThat(ArrayText.of(new double[]{0.5, 1.0 / 3})).isEqualTo("[0.5, 0.333333]");
        assertThat(ArrayText.of(new int[][]{{1}, {2, 3}, {}})).isEqualTo("[[1], [2, 3], []]");
        assertThat(ArrayText.of(new String[]{"a", null})).isEqualTo("[\"a\", null]");
        assertThat(ArrayText.of(new char[]{'x'})).isEqualTo("['x']");
    }

    @Test
    void longArraysAreCutAndSayHowLongTheyAre() {
        String text = ArrayText.of(IntStream.range(0, 1_000_000).toArray());

        assertThat(text).startsWith("[0, 1, 2,").endsWith("99, … (1000000 elements)]");
        assertThat(text.length()).isLessThan(600);
    }

    @Test
    void onlyArrays() {
        assertThatThrownBy(() -> ArrayText.of("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
