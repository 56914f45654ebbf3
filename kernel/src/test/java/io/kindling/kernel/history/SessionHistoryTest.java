package io.kindling.kernel.history;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SessionHistoryTest {
    private final SessionHistory history = new SessionHistory();

    SessionHistoryTest() {
        history.record(1, "int a = 1;", null);
        history.record(2, "a + 1", "2");
        history.record(3, "a + 1", "2");
        history.record(4, "System.out.println(a)", null);
    }

    private static List<String> inputs(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getInput).toList();
    }

    @Test
    void tailReturnsTheLastEntriesOldestFirst() {
        assertThat(inputs(history.lookupTail(2, Set.of()))).containsExactly("a + 1", "System.out.println(a)");
        assertThat(history.lookupTail(10, Set.of())).hasSize(4);
    }

    @Test
    void rangeAcceptsTheCurrentSessionByOffsetOrNumber() {
        assertThat(inputs(history.lookupRange(0, 2, 3, Set.of()))).containsExactly("a + 1");
        assertThat(inputs(history.lookupRange(1, 1, 3, Set.of()))).containsExactly("int a = 1;", "a + 1");
        assertThat(history.lookupRange(-1, 1, 3, Set.of())).isEmpty();
    }

    @Test
    void searchUsesGlobsUniqueAndLimit() {
        assertThat(inputs(history.search("a *", 0, Set.of()))).containsExactly("a + 1", "a + 1");
        assertThat(inputs(history.search("a *", 0, EnumSet.of(ResultFlag.UNIQUE)))).containsExactly("a + 1");
        assertThat(inputs(history.search("*", 1, Set.of()))).containsExactly("System.out.println(a)");
        assertThat(history.search("[!x]nothing", 0, Set.of())).isEmpty();
    }

    @Test
    void outputIsIncludedOnlyWhenAskedAndNeverNull() {
        assertThat(history.lookupTail(1, Set.of()).get(0).hasOutput()).isFalse();
        assertThat(history.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput()).isEmpty();
        assertThat(history.lookupRange(0, 2, 3, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput()).isEqualTo("2");
    }
}
