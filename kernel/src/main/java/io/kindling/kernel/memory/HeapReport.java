package io.kindling.kernel.memory;

import io.kindling.magics.magic.EngineLifecycle;
import io.kindling.magics.table.TableStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a user reads when a cell ran out of memory: the heap limit and how to raise it, which notebook
 * variables hold the most and how to free them, and whether the kernel could recover.
 * <pre>{@code
 * List<String> lines = HeapReport.explain(reserve, false, Map.of("big", big));
 * }</pre>
 */
public final class HeapReport {
    /** Variables smaller than this are not worth naming. */
    private static final long WORTH_NAMING = 1024 * 1024;
    private static final int NAMED = 3;

    private HeapReport() {
    }

    /**
     * The explanation, first line a summary.
     *
     * @param reserve      the kernel's reserve, which knows whether an earlier error left the heap full
     * @param stoppedEarly whether the cell was stopped near the limit rather than failing at it
     * @param variables    the notebook's variables and their values
     */
    public static List<String> explain(HeapReserve reserve, boolean stoppedEarly, Map<String, Object> variables) {
        requireNonNull(reserve, "reserve is null");
        List<String> lines = new ArrayList<>();
        String heap = TableStats.bytes(reserve.maxHeap());
        lines.add(reserve.stillFull()
                ? "the kernel's heap (" + heap + ") is still full after the previous memory error"
                : "the cell ran out of memory: the kernel's heap is " + heap);
        if (stoppedEarly) {
            lines.add("The cell was stopped while the heap stayed over " + TableStats.bytes(reserve.maxHeap() - reserve.headroom())
                    + " after garbage collection, so that the kernel keeps room to run.");
        }
        List<Held> held = largest(variables);
        if (held.isEmpty()) {
            lines.add("No notebook variable holds much of it: the cell's own objects were freed when it failed.");
        } else {
            lines.add("Notebook variables holding the most:");
            held.forEach(h -> lines.add("  " + h.name() + " ≈ " + TableStats.bytes(h.bytes()) + " (" + h.type() + ")"));
            lines.add("Free them to get the memory back: " + String.join(" ", held.stream().map(h -> h.name() + " = null;").toList()));
        }
        if (reserve.level() == HeapReserve.Level.LAST) {
            lines.add("The kernel has no memory left in reserve: it ends at the next memory error. Free variables now, or restart the kernel.");
        }
        lines.add("To give the kernel more memory, restart it with KINDLING_JAVA_OPTS=-Xmx<size> set, e.g. -Xmx"
                + Math.max(2, 2 * Math.round(reserve.maxHeap() / (1024.0 * 1024 * 1024))) + "g.");
        return lines;
    }

    private static List<Held> largest(Map<String, Object> variables) {
        SizeEstimate estimate = new SizeEstimate();
        // A sampled estimate can overshoot; nothing holds more than the heap in use.
        long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        List<Held> all = new ArrayList<>();
        variables.forEach((name, value) -> {
            // The kernel's engines (the Spark variable) are not the user's to free.
            if (value != null && !(value instanceof EngineLifecycle)) {
                all.add(new Held(name, value.getClass().getSimpleName(), Math.min(used, estimate.of(value))));
            }
        });
        return all.stream().filter(h -> h.bytes() >= WORTH_NAMING)
                .sorted(Comparator.comparingLong(Held::bytes).reversed()).limit(NAMED).toList();
    }

    private record Held(String name, String type, long bytes) {
    }
}
