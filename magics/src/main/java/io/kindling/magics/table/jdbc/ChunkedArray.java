package io.kindling.magics.table.jdbc;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static java.util.Objects.requireNonNull;

/**
 * A column's values while a result streams in: fixed-size chunks of a primitive (or reference) array,
 * joined into one exactly-sized array at the end. Unlike an array that grows by doubling, it never
 * holds more than one chunk of spare room, and never allocates an array big enough to need G1's
 * contiguous "humongous" regions until the column is complete, so a fetch fits in a smaller heap.
 * Chunks start small and double up to {@link #CHUNK_LENGTH}, so a one-row result stays tiny.
 *
 * <p>Writers fill {@link #chunk()} at {@link #claim()}:
 * <pre>{@code
 * ChunkedArray<long[]> values = new ChunkedArray<>(long[]::new);
 * values.chunk()[values.claim()] = 42L;
 * long[] all = values.toArray();
 * }</pre>
 *
 * @param <A> the array type, such as {@code long[]} or {@code Object[]}
 */
final class ChunkedArray<A> {
    /** 256 KiB of longs: well under half of G1's smallest region, so chunks are ordinary objects. */
    static final int CHUNK_LENGTH = 32_768;
    private static final int FIRST_CHUNK_LENGTH = 16;

    private final IntFunction<A> allocate;
    private final List<A> full = new ArrayList<>();
    private int fullLength;
    private A current;
    private int currentLength;
    private int used;

    ChunkedArray(IntFunction<A> allocate) {
        this.allocate = requireNonNull(allocate, "allocate is null");
        this.currentLength = FIRST_CHUNK_LENGTH;
        this.current = allocate.apply(currentLength);
    }

    /** The chunk the next {@link #claim()} points into; call it before each claim. */
    A chunk() {
        if (used == currentLength) {
            full.add(current);
            fullLength += currentLength;
            currentLength = Math.min(currentLength * 2, CHUNK_LENGTH);
            current = allocate.apply(currentLength);
            used = 0;
        }
        return current;
    }

    /** Reserves the next slot of {@link #chunk()} and returns its index there. */
    int claim() {
        return used++;
    }

    /** How many values were claimed. */
    int size() {
        return fullLength + used;
    }

    /**
     * All values in one array of exactly {@link #size()} elements. Each chunk is released once copied,
     * so joining needs the finished array plus one chunk; the instance must not be used afterwards.
     */
    A toArray() {
        A all = allocate.apply(size());
        int at = 0;
        for (int i = 0; i < full.size(); i++) {
            int length = Array.getLength(full.get(i));
            System.arraycopy(full.get(i), 0, all, at, length);
            full.set(i, null);
            at += length;
        }
        System.arraycopy(current, 0, all, at, used);
        full.clear();
        current = null;
        return all;
    }
}
