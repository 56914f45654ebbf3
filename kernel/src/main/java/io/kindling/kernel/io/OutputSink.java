package io.kindling.kernel.io;

/** Where batched cell output is delivered: the kernel publishes it as Jupyter {@code stream} messages. */
@FunctionalInterface
public interface OutputSink {
    void write(StreamName stream, String text);
}
