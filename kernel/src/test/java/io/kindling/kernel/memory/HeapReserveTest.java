package io.kindling.kernel.memory;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HeapReserveTest {

    @Test
    void eachMemoryErrorSpendsABlockAndTheThirdEndsTheKernel() {
        AtomicInteger exits = new AtomicInteger();
        HeapReserve reserve = new HeapReserve(1024 * 1024, 4 * 1024 * 1024, exits::incrementAndGet);
        assertThat(reserve.level()).isEqualTo(HeapReserve.Level.HELD);

        reserve.outOfMemory();
        assertThat(reserve.level()).isEqualTo(HeapReserve.Level.SPENT);
        reserve.outOfMemory();
        assertThat(reserve.level()).isEqualTo(HeapReserve.Level.LAST);
        assertThat(exits).hasValue(0);
        reserve.outOfMemory();
        assertThat(exits).hasValue(1);
    }

    @Test
    void aHeapWithRoomTakesTheReserveAgain() {
        HeapReserve reserve = new HeapReserve(1024 * 1024, 4 * 1024 * 1024, () -> { });
        reserve.outOfMemory();
        reserve.outOfMemory();

        assertThat(reserve.recover()).isEqualTo(HeapReserve.Level.HELD);
        assertThat(reserve.stillFull()).isFalse();
    }

    @Test
    void aHeapWithoutTwiceItsHeadroomFreeIsStillFull() {
        // Twice a headroom of half the heap is never free.
        HeapReserve reserve = new HeapReserve(1024 * 1024, Runtime.getRuntime().maxMemory() / 2 + 1, () -> { });
        reserve.outOfMemory();
        assertThat(reserve.stillFull()).isFalse();

        assertThat(reserve.recover()).isEqualTo(HeapReserve.Level.SPENT);
        reserve.stoppedNearLimit();
        assertThat(reserve.stillFull()).isTrue();
    }

    @Test
    void onlyAFullHeapCountsAsOne() {
        assertThat(HeapReserve.meansFullHeap(new OutOfMemoryError("Java heap space"))).isTrue();
        assertThat(HeapReserve.meansFullHeap(new OutOfMemoryError("GC overhead limit exceeded"))).isTrue();
        assertThat(HeapReserve.meansFullHeap(new OutOfMemoryError("Requested array size exceeds VM limit"))).isFalse();
        assertThat(HeapReserve.meansFullHeap(new OutOfMemoryError(
                "Cannot reserve 2147483647 bytes of direct buffer memory (allocated: 8192, limit: 536870912)"))).isFalse();
        assertThat(HeapReserve.meansFullHeap(new OutOfMemoryError("Metaspace"))).isFalse();
        assertThat(HeapReserve.meansFullHeap(new OutOfMemoryError())).isFalse();
        assertThat(HeapReserve.meansFullHeap(new IllegalStateException("Java heap space"))).isFalse();
    }

    @Test
    void theReportSaysTheHeapIsStillFullAndWarnsOnlyOnceNoBlockIsLeft() {
        String warning = "The kernel has no memory left in reserve: it ends at the next memory error. Free variables now, or restart the kernel.";
        HeapReserve reserve = new HeapReserve(1024 * 1024, Runtime.getRuntime().maxMemory() / 2 + 1, () -> { });
        reserve.stoppedNearLimit();
        reserve.outOfMemory();

        List<String> oneBlockLeft = HeapReport.explain(reserve, false, Map.of());
        assertThat(oneBlockLeft.get(0)).startsWith("the kernel's heap (").endsWith(") is still full after the previous memory error");
        assertThat(oneBlockLeft).doesNotContain(warning);

        reserve.outOfMemory();
        assertThat(HeapReport.explain(reserve, false, Map.of())).contains(warning);
    }

    @Test
    void theReportNamesTheLargestVariablesWithTheirSizeAndHowToFreeThem() {
        HeapReserve reserve = new HeapReserve(1024 * 1024, 4 * 1024 * 1024, () -> { });
        reserve.outOfMemory();
        long[][] big = new long[100][];
        for (int i = 0; i < big.length; i++) {
            big[i] = new long[100_000];
        }
        String[] values = new String[300_000];
        Arrays.fill(values, "the same string every time");
        Names names = new Names(values);

        List<String> lines = HeapReport.explain(reserve, false, Map.of("big", big, "names", names, "small", 42));

        assertThat(lines.get(0)).startsWith("the cell ran out of memory: the kernel's heap is ");
        assertThat(lines).contains("  big ≈ 76.3 MiB (long[][])", "Free them to get the memory back: big = null; names = null;");
        assertThat(String.join("\n", lines)).contains("names ≈ 1.1 MiB (Names)").doesNotContain("small");
        assertThat(lines.get(lines.size() - 1)).startsWith("To give the kernel more memory, restart it with KINDLING_JAVA_OPTS=-Xmx");
    }

    /** A value of the user's own: its fields are readable, as JShell's classes are in the kernel. */
    private record Names(String[] values) {
    }

    @Test
    void sharedObjectsCountOnceAndLargeArraysAreSampled() {
        byte[] payload = new byte[1_000_000];
        Object[] sameTwice = {payload, payload};
        SizeEstimate estimate = new SizeEstimate();

        assertThat(estimate.of(sameTwice)).isCloseTo(1_000_000, within(1_000L));
        long[][] grid = new long[10_000][];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = new long[1_000];
        }
        assertThat((double) new SizeEstimate().of(grid)).isCloseTo(80_000_000, within(2_000_000.0));
    }
}
