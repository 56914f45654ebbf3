package io.kindling.kernel.io;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Collects what cells write to {@code System.out} and {@code System.err} and delivers it while the cell
 * runs, batched every few milliseconds so a loop of {@code println}s becomes a few messages, in the
 * order it was written across both streams. Each cell may write at most {@code limitBytes}; the rest is
 * dropped and counted, and the cell ends with a marker saying how much was cut.
 */
public final class CellOutput implements AutoCloseable {
    private static final long FLUSH_MILLIS = 20;
    private static final int EAGER_FLUSH_BYTES = 64 * 1024;

    private final long limitBytes;
    private final ScheduledExecutorService flusher;
    private final List<Chunk> pending = new ArrayList<>();
    /**
     * Held while chunks are taken and delivered, so a flush at the end of a cell returns only after a flush
     * the flusher thread began has delivered too: otherwise the cell's last line could reach the frontend
     * after the cell's reply, and a headless runner (nbclient) records the cell without it.
     */
    private final Object delivery = new Object();
    private final Decoder stdout = new Decoder(StreamName.STDOUT);
    private final Decoder stderr = new Decoder(StreamName.STDERR);
    private OutputSink sink = (stream, text) -> { };
    private long writtenBytes;
    private long droppedBytes;

    public CellOutput(long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("limitBytes must be positive: " + limitBytes);
        }
        this.limitBytes = limitBytes;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kindling-output-flusher");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A stream for {@code System.setOut}/{@code setErr}: bytes are UTF-8 and may split characters. */
    public PrintStream printStream(StreamName stream) {
        Decoder decoder = stream == StreamName.STDOUT ? stdout : stderr;
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                accept(decoder, bytes, offset, length);
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** Starts a new cell: output goes to {@code cellSink} and the cell's byte budget starts afresh. */
    public void startCell(OutputSink cellSink) {
        flush();
        synchronized (this) {
            sink = requireNonNull(cellSink, "cellSink is null");
            writtenBytes = 0;
            droppedBytes = 0;
        }
    }

    /**
     * Ends the cell: delivers everything written so far and, when output was cut, the marker. Output
     * written later (by threads the cell left running) still goes to the same cell.
     */
    public void finishCell() {
        flush();
        long dropped;
        OutputSink target;
        synchronized (this) {
            dropped = droppedBytes;
            droppedBytes = 0;
            target = sink;
        }
        if (dropped > 0) {
            target.write(StreamName.STDERR, "\n[Kindling: output truncated, " + human(dropped)
                    + " more were dropped. A cell keeps its first " + human(limitBytes)
                    + " of output; set KINDLING_MAX_CELL_OUTPUT to change it.]\n");
        }
    }

    /** Delivers what is buffered. Called by the flusher thread, at cell boundaries and when the buffer fills. */
    public void flush() {
        synchronized (delivery) {
            List<Chunk> chunks;
            OutputSink target;
            synchronized (this) {
                if (pending.isEmpty()) {
                    return;
                }
                chunks = List.copyOf(pending);
                pending.clear();
                target = sink;
            }
            for (Chunk chunk : chunks) {
                target.write(chunk.stream, chunk.text.toString());
            }
        }
    }

    private void accept(Decoder decoder, byte[] bytes, int offset, int length) {
        boolean eager;
        synchronized (this) {
            long room = Math.max(0, limitBytes - writtenBytes);
            int kept = (int) Math.min(room, length);
            writtenBytes += kept;
            droppedBytes += length - kept;
            if (kept > 0) {
                append(decoder.stream, decoder.decode(bytes, offset, kept));
            }
            eager = pendingLength() >= EAGER_FLUSH_BYTES;
        }
        if (eager) {
            flush();
        }
    }

    private void append(StreamName stream, String text) {
        if (text.isEmpty()) {
            return;
        }
        Chunk last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last != null && last.stream == stream) {
            last.text.append(text);
        } else {
            pending.add(new Chunk(stream, new StringBuilder(text)));
        }
    }

    private int pendingLength() {
        int total = 0;
        for (Chunk chunk : pending) {
            total += chunk.text.length();
        }
        return total;
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    @Override
    public void close() {
        flush();
        flusher.shutdownNow();
    }

    private record Chunk(StreamName stream, StringBuilder text) {
    }

    /** Decodes UTF-8 across writes, carrying an incomplete character to the next write. */
    private static final class Decoder {
        private final StreamName stream;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private byte[] carry = new byte[0];

        Decoder(StreamName stream) {
            this.stream = stream;
        }

        String decode(byte[] bytes, int offset, int length) {
            ByteBuffer input = ByteBuffer.allocate(carry.length + length);
            input.put(carry).put(bytes, offset, length).flip();
            CharBuffer output = CharBuffer.allocate(input.remaining());
            decoder.decode(input, output, false);
            carry = new byte[input.remaining()];
            input.get(carry);
            return output.flip().toString();
        }
    }
}
