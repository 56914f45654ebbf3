package io.kindling.kernel.memory;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryType;
import java.util.Comparator;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Tells when the heap stays nearly full after a garbage collection, so the cell filling it can be
 * stopped while the kernel still has room: once the heap is truly full, every thread that allocates
 * fails, the protocol threads first among the small ones, and no reserve released afterwards brings a
 * dead thread back (the cell, still running, would take the reserve too). The JVM checks the
 * threshold of its long-lived pool after each collection and notifies on a thread of its own.
 * The threshold is the JVM's (one per pool): the last watch started sets it.
 * <pre>{@code
 * try (HeapWatch watch = HeapWatch.start(reserve.headroom(), cells::isRunning, cells::stopForMemory)) { ... }
 * }</pre>
 */
public final class HeapWatch implements AutoCloseable {
    private final NotificationEmitter emitter;
    private final NotificationListener listener;

    private HeapWatch(NotificationEmitter emitter, NotificationListener listener) {
        this.emitter = emitter;
        this.listener = listener;
    }

    /**
     * Watches the heap's largest pool (the old generation). When its usage crosses its maximum minus
     * {@code headroom}, a full collection tells whether the heap is really that full or only holds
     * garbage; if it is, {@code onNearlyFull} runs. A JVM without such a pool is not watched.
     */
    public static HeapWatch start(long headroom, BooleanSupplier cellRunning, Runnable onNearlyFull) {
        requireNonNull(cellRunning, "cellRunning is null");
        requireNonNull(onNearlyFull, "onNearlyFull is null");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long max = Runtime.getRuntime().maxMemory();
        ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isUsageThresholdSupported())
                .filter(pool -> pool.getUsage().getMax() > 2 * headroom)
                .max(Comparator.comparingLong(pool -> pool.getUsage().getMax()))
                .ifPresent(pool -> {
                    // Usage is checked after every collection, young ones included; usage after collection only
                    // after old-generation ones, which come when the heap is already full.
                    pool.setUsageThreshold(pool.getUsage().getMax() - headroom);
                    if (pool.isCollectionUsageThresholdSupported()) {
                        pool.setCollectionUsageThreshold(pool.getUsage().getMax() - headroom);
                    }
                });
        NotificationEmitter emitter = (NotificationEmitter) memory;
        NotificationListener listener = (notification, handback) -> {
            String type = notification.getType();
            // Between cells a full heap is a variable's doing, and nothing runs to be stopped; checking then
            // would add a full collection to every collection while the heap stays above the threshold.
            if (cellRunning.getAsBoolean() && (MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED.equals(type)
                    || MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(type))) {
                // Garbage also counts as usage: only a full collection tells what is really held.
                memory.gc();
                if (memory.getHeapMemoryUsage().getUsed() > max - headroom) {
                    onNearlyFull.run();
                }
            }
        };
        emitter.addNotificationListener(listener, null, null);
        return new HeapWatch(emitter, listener);
    }

    @Override
    public void close() {
        try {
            emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
            // Already removed.
        }
    }
}
