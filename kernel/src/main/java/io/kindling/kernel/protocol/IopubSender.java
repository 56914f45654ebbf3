package io.kindling.kernel.protocol;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Sends IOPub messages from one kernel thread that nothing interrupts.
 *
 * <p>JeroMQ abandons a send whose thread is interrupted between the frames of a message, and the frames it
 * already queued are glued to the next message, which the frontend then rejects ("Invalid Signature"). Cell
 * threads, the output flusher and progress tickers are interrupted on purpose (interrupt, shutdown, a
 * finished start), so they hand their messages to this thread and wait, uninterruptibly, until each is
 * sent: IOPub keeps the order in which every caller published.
 */
final class IopubSender implements AutoCloseable {
    private final JupyterSocket iopub;
    private final ExecutorService thread;

    /** Starts the sending thread in the caller's thread group: create it from a kernel thread, never a cell's. */
    IopubSender(JupyterSocket iopub) {
        this.iopub = requireNonNull(iopub, "iopub is null");
        ThreadGroup kernelThreads = Thread.currentThread().getThreadGroup();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread sender = new Thread(kernelThreads, task, "kindling-iopub");
                    sender.setDaemon(true);
                    return sender;
                });
        // Started now, so the thread is never created lazily by (and in the group of) a cell thread.
        executor.prestartAllCoreThreads();
        this.thread = executor;
    }

    /** Sends {@code message} and returns once it is on the socket; the caller's interrupt status is kept. */
    void send(Message<?> message) {
        requireNonNull(message, "message is null");
        CompletableFuture<Void> sent;
        try {
            sent = CompletableFuture.runAsync(() -> iopub.sendMessage(message), thread);
        } catch (RejectedExecutionException closed) {
            return; // the kernel is shutting down and its frontend no longer listens
        }
        try {
            sent.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Sends what was handed over before, then ends the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
