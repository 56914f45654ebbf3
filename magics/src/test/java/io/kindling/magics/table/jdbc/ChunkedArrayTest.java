package io.kindling.magics.table.jdbc;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkedArrayTest {
    @Test
    void valuesComeOutInOrderInOneExactlySizedArrayAcrossManyChunks() {
        ChunkedArray<long[]> values = new ChunkedArray<>(long[]::new);
        int count = ChunkedArray.CHUNK_LENGTH * 3 + 17;
        for (long i = 0; i < count; i++) {
            values.chunk()[values.claim()] = i * 7;
        }

        assertThat(values.size()).isEqualTo(count);
        assertThat(values.toArray()).containsExactly(LongStream.range(0, count).map(i -> i * 7).toArray());
    }

    @Test
    void chunksStartSmallAndStopGrowingAtTheChunkLength() {
        ChunkedArray<Object[]> values = new ChunkedArray<>(Object[]::new);
        int first = values.chunk().length;
        int longest = 0;
        for (int i = 0; i < ChunkedArray.CHUNK_LENGTH * 4; i++) {
            Object[] chunk = values.chunk();
            longest = Math.max(longest, chunk.length);
            chunk[values.claim()] = "v" + i;
        }

        assertThat(first).isLessThanOrEqualTo(16);
        assertThat(longest).isEqualTo(ChunkedArray.CHUNK_LENGTH);
        Object[] all = values.toArray();
        assertThat(all).hasSize(ChunkedArray.CHUNK_LENGTH * 4);
        assertThat(all[0]).isEqualTo("v0");
        assertThat(all[all.length - 1]).isEqualTo("v" + (all.length - 1));
    }

    @Test
    void anEmptyColumnIsAnEmptyArray() {
        assertThat(new ChunkedArray<>(double[]::new).toArray()).isEmpty();
    }
}
