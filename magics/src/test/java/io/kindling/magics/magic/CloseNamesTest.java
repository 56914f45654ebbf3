package io.kindling.magics.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CloseNamesTest {
    @Test
    void findsTyposAndPrefixesClosestFirst() {
        assertThat(CloseNames.of("prsto", List.of("presto", "hive", "fsql"))).containsExactly("presto");
        assertThat(CloseNames.of("cl", List.of("classpath", "jars", "maven"))).containsExactly("classpath");
        assertThat(CloseNames.of("zzzzzz", List.of("presto", "hive"))).isEmpty();
    }

    @Test
    void hintIsEmptyWhenNothingIsClose() {
        assertThat(CloseNames.hint("qqqq", List.of("presto"), "%%")).isEmpty();
        assertThat(CloseNames.hint("hiv", List.of("hive", "fsql"), "%%")).isEqualTo(" (did you mean %%hive?)");
    }

    @Test
    void distanceCountsSwapsOfNeighboursAsOneEdit() {
        assertThat(CloseNames.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(CloseNames.distance("lcoal", "local")).isEqualTo(1);
        assertThat(CloseNames.distance("", "abc")).isEqualTo(3);
    }
}
