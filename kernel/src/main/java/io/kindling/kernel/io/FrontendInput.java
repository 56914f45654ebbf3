package io.kindling.kernel.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * {@code System.in} for cells: each time a cell reads past what it has, the frontend is asked for a
 * line ({@code input_request}). Frontends that cannot answer ({@code allow_stdin: false}) get an error
 * instead of a hang or a silent end of input.
 */
public final class FrontendInput extends InputStream {
    /** Asks the current cell's frontend for one line; null when the frontend allows no input. */
    public interface LineSource {
        String readLine(String prompt, boolean password);
    }

    private final Supplier<LineSource> currentSource;
    private byte[] buffer = new byte[0];
    private int position;

    public FrontendInput(Supplier<LineSource> currentSource) {
        this.currentSource = requireNonNull(currentSource, "currentSource is null");
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public synchronized int available() {
        return buffer.length - position;
    }

    private boolean fill() throws IOException {
        if (position < buffer.length) {
            return true;
        }
        LineSource source = currentSource.get();
        if (source == null) {
            // Unchecked on purpose: Scanner and BufferedReader swallow IOExceptions into a silent end of input.
            throw new IllegalStateException("this frontend does not accept input (allow_stdin is false), so System.in cannot be read");
        }
        String line = source.readLine("", false);
        if (line == null) {
            return false;
        }
        buffer = line.getBytes(StandardCharsets.UTF_8);
        position = 0;
        return buffer.length > 0;
    }
}
