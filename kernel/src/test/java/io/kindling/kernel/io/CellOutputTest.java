package io.kindling.kernel.io;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CellOutputTest {
    private final List<String> delivered = new ArrayList<>();
    private final CellOutput output = new CellOutput(64);

    @AfterEach
    void close() {
        output.close();
    }

    private synchronized void deliver(StreamName stream, String text) {
        delivered.add(stream + ":" + text);
    }

    @Test
    void keepsOrderAcrossStreamsAndCoalescesRuns() {
        output.startCell(this::deliver);
        PrintStream out = output.printStream(StreamName.STDOUT);
        PrintStream err = output.printStream(StreamName.STDERR);

        out.print("a");
        out.print("b");
        err.print("c");
        out.print("d");
        output.finishCell();

        assertThat(String.join("|", delivered)).isEqualTo("STDOUT:ab|STDERR:c|STDOUT:d");
    }

    @Test
    void truncatesAtTheLimitAndSaysHowMuchWasDropped() {
        output.startCell(this::deliver);
        PrintStream out = output.printStream(StreamName.STDOUT);

        out.print("x".repeat(100));
        output.finishCell();

        assertThat(delivered.get(0)).isEqualTo("STDOUT:" + "x".repeat(64));
        assertThat(delivered.get(1)).startsWith("STDERR:\n[Kindling: output truncated, 36 bytes more were dropped.");
    }

    @Test
    void eachCellGetsAFreshBudget() {
        output.startCell(this::deliver);
        output.printStream(StreamName.STDOUT).print("y".repeat(64));
        output.finishCell();
        output.startCell(this::deliver);
        output.printStream(StreamName.STDOUT).print("z");
        output.finishCell();

        assertThat(delivered).containsExactly("STDOUT:" + "y".repeat(64), "STDOUT:z");
    }

    @Test
    void multiByteCharactersSplitAcrossWritesArriveWhole() {
        output.startCell(this::deliver);
        byte[] fire = "\uD83D\uDD25".getBytes(StandardCharsets.UTF_8);
        PrintStream out = output.printStream(StreamName.STDOUT);

        out.write(fire, 0, 2);
        output.flush();
        out.write(fire, 2, 2);
        output.finishCell();

        assertThat(String.join("", delivered)).isEqualTo("STDOUT:\uD83D\uDD25");
    }

    @Test
    void deliversWhileTheCellIsStillRunning() throws Exception {
        output.startCell(this::deliver);
        output.printStream(StreamName.STDOUT).print("early");

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (delivered.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(delivered).containsExactly("STDOUT:early");
    }

    @Test
    void theEndOfACellWaitsForTextTheFlusherIsStillDelivering() throws Exception {
        java.util.concurrent.CountDownLatch delivering = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        output.startCell((stream, text) -> {
            if (Thread.currentThread().getName().equals("kindling-output-flusher")) {
                delivering.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.add(text);
        });
        output.printStream(StreamName.STDOUT).print("last line");
        assertThat(delivering.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the flusher took the text").isTrue();

        Thread cellEnd = new Thread(output::finishCell);
        cellEnd.start();
        cellEnd.join(300);
        assertThat(cellEnd.isAlive()).as("finishCell returned while the text was still being sent").isTrue();
        release.countDown();
        cellEnd.join(30_000);
        assertThat(cellEnd.isAlive()).isFalse();
        assertThat(sent).containsExactly("last line");
    }
}
