package io.kindling.kernel.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;

import static java.util.Objects.requireNonNull;

/**
 * Heap held back for the kernel itself. When a cell fills the heap, every thread that allocates gets
 * {@link OutOfMemoryError}, the protocol threads (heartbeat, shell, iopub) among them, and a kernel whose
 * threads died answers nothing and never exits. Releasing the reserve the moment the first
 * {@code OutOfMemoryError} is seen gives those threads, the error report and the next cell (typically
 * {@code big = null;}) room to run; the reserve is taken again once the heap has recovered.
 *
 * <p>Two blocks: the first memory error spends the larger one; a second one before the heap recovered
 * spends the last, and the kernel tells the user it cannot recover; a third leaves nothing to run on,
 * so {@link #outOfMemory()} asks the kernel to exit (the frontend then offers a restart).
 *
 * <p>{@link #outOfMemory()} allocates nothing until a block is released: it runs on threads that just
 * failed to allocate.
 */
public final class HeapReserve {
    private static final long MIB = 1024 * 1024;
    /** The JVM's message for an allocation the heap has no room for. */
    public static final String FULL_HEAP = "Java heap space";

    /** What the reserve still holds. */
    public enum Level {
        /** Both blocks held: the heap is healthy. */
        HELD,
        /** The first block was spent on a memory error and the heap has not recovered since. */
        SPENT,
        /** Both blocks were spent: one more memory error ends the kernel. */
        LAST
    }

    private final int blockBytes;
    private final long headroom;
    private final MemoryMXBean memory;
    private final Runnable onExhausted;
    private volatile byte[] first;
    private volatile byte[] last;
    /** Memory errors since the heap last had its headroom; more than one means a variable holds the heap. */
    private volatile int unrecovered;
    /** Stops the running cell; set once the evaluator exists (it starts after the protocol threads). */
    private volatile Runnable cellStopper = () -> { };

    /**
     * @param blockBytes  the size of the larger block; the last one is half of it
     * @param headroom    how much of the heap should stay free after a collection; cells are stopped below it
     * @param onExhausted what to do when a memory error finds both blocks spent (end the kernel)
     */
    public HeapReserve(int blockBytes, long headroom, Runnable onExhausted) {
        if (blockBytes < 1 || headroom < 1) {
            throw new IllegalArgumentException("blockBytes and headroom must be positive: " + blockBytes + ", " + headroom);
        }
        this.blockBytes = blockBytes;
        this.headroom = headroom;
        this.memory = ManagementFactory.getMemoryMXBean();
        this.onExhausted = requireNonNull(onExhausted, "onExhausted is null");
        this.first = new byte[blockBytes];
        this.last = new byte[blockBytes / 2];
    }

    /**
     * A reserve sized for this JVM's heap: a sixteenth of it between 16 and 64 MiB, and a tenth of the
     * heap as headroom (between two blocks and 1 GiB).
     */
    public static HeapReserve forThisJvm(Runnable onExhausted) {
        long max = Runtime.getRuntime().maxMemory();
        int block = (int) Math.max(16 * MIB, Math.min(64 * MIB, max / 16));
        return new HeapReserve(block, Math.max(2L * block, Math.min(1024 * MIB, max / 10)), onExhausted);
    }

    /**
     * Whether {@code thrown} says the heap is full, the only memory error the reserve helps with. Direct
     * buffers, metaspace, native threads and arrays longer than any heap could hold fail with other
     * messages while the heap still has room.
     */
    public static boolean meansFullHeap(Throwable thrown) {
        String message = thrown instanceof OutOfMemoryError ? thrown.getMessage() : null;
        return message != null && (message.equals(FULL_HEAP) || message.startsWith("GC overhead limit exceeded"));
    }

    /** How much of the heap should stay free after a collection. */
    public long headroom() {
        return headroom;
    }

    /** A cell was stopped because the heap stayed nearly full after a collection: no block was needed. */
    public void stoppedNearLimit() {
        unrecovered++;
    }

    /** Whether an earlier memory error left the heap full: a variable holds it. */
    public boolean stillFull() {
        return unrecovered > 1;
    }

    /** How to stop the running cell when a thread other than the cell's runs out of memory. */
    public void stopsCellsWith(Runnable stopper) {
        this.cellStopper = requireNonNull(stopper, "stopper is null");
    }

    /**
     * Called wherever an {@link OutOfMemoryError} that {@link #meansFullHeap means a full heap} is seen: stops
     * the running cell (most likely what fills the heap, and it would take the reserve too), then spends the
     * next block, or ends the kernel.
     */
    public void outOfMemory() {
        cellStopper.run();
        unrecovered++;
        if (first != null) {
            first = null;
        } else if (last != null) {
            last = null;
        } else {
            onExhausted.run();
        }
    }

    public Level level() {
        if (first != null) {
            return Level.HELD;
        }
        return last != null ? Level.SPENT : Level.LAST;
    }

    /** The heap this JVM may use, in bytes. */
    public long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * After a memory error: when the heap has twice its headroom free again (a variable was freed), takes
     * the spent blocks again and forgets the error. Collects first, only in this state, so that a freed
     * variable counts. Returns the level after.
     */
    public Level recover() {
        if (level() == Level.HELD && unrecovered == 0) {
            return Level.HELD;
        }
        if (free() < 2 * headroom) {
            memory.gc();
        }
        if (free() >= 2 * headroom) {
            try {
                if (last == null) {
                    last = new byte[blockBytes / 2];
                }
                if (first == null) {
                    first = new byte[blockBytes];
                }
                unrecovered = 0;
            } catch (OutOfMemoryError stillFull) {
                // Taken in the meantime by another thread: the next cell's end tries again.
            }
        }
        return level();
    }

    private long free() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : Runtime.getRuntime().maxMemory();
        return max - heap.getUsed();
    }
}
