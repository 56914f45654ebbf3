package io.kindling.e2e;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Interrupt and restart through a real Jupyter client, each with a kernel of its own. */
class KernelLifecycleTest {

    @Test
    void interruptStopsAnInfiniteLoopForRealAndTheNextCellRuns() throws Exception {
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(), Map.of())) {
            kernel.execute("var counter = new java.util.concurrent.atomic.AtomicLong();");
            String loop = kernel.call("submit", "code",
                    "counter.incrementAndGet();\nSystem.out.println(\"looping\");\nwhile (true) { counter.incrementAndGet(); }").get("msg_id").asText();
            // Interrupt once the loop runs: a busy machine may take longer than any fixed wait to start it.
            kernel.call("wait_stream", "msg_id", loop, "text", "looping");

            kernel.call("interrupt");
            JupyterDriver.Execution interrupted = new JupyterDriver.Execution(kernel.call("collect", "msg_id", loop, "timeout", 20));

            assertThat(interrupted.status()).isEqualTo("error");
            assertThat(interrupted.reply().get("ename").asText()).isEqualTo("Interrupted");
            long afterInterrupt = Long.parseLong(kernel.execute("counter.get()").resultText());
            Thread.sleep(500);
            long later = Long.parseLong(kernel.execute("counter.get()").resultText());
            assertThat(afterInterrupt).isPositive();
            assertThat(later).as("the loop no longer advances").isEqualTo(afterInterrupt);
        }
    }

    @Test
    void interruptStopsASleepingCell() throws Exception {
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(), Map.of())) {
            String sleeping = kernel.call("submit", "code", "System.out.println(\"sleeping\");\nThread.sleep(120_000);").get("msg_id").asText();
            // An interrupt is for the cell that runs: wait until it does (a fixed wait can be too short on a busy machine).
            kernel.call("wait_stream", "msg_id", sleeping, "text", "sleeping");

            long interruptedAt = System.nanoTime();
            kernel.call("interrupt");
            JupyterDriver.Execution interrupted = new JupyterDriver.Execution(kernel.call("collect", "msg_id", sleeping, "timeout", 20));

            assertThat(interrupted.reply().get("ename").asText()).isEqualTo("Interrupted");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(java.time.Duration.ofSeconds(20));
            assertThat(kernel.execute("\"next\"").resultText()).isEqualTo("next");
        }
    }

    @Test
    void kindlingJavaOptsReachTheKernelJvm() throws Exception {
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(),
                Map.of("KINDLING_JAVA_OPTS", "-Dkindling.probe=from-env -Xmx700m"))) {
            assertThat(kernel.execute("System.getProperty(\"kindling.probe\")").resultText()).isEqualTo("from-env");
            assertThat(Long.parseLong(kernel.execute("Runtime.getRuntime().maxMemory() / (1024 * 1024)").resultText()))
                    .isBetween(600L, 700L);
            assertThat(kernel.execute("java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()"
                    + ".contains(\"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED\")").resultText()).isEqualTo("true");
        }
    }

    @Test
    void restartGivesAFreshKernelProcess() throws Exception {
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(), Map.of())) {
            kernel.execute("int survives = 1;");
            long before = kernel.call("pid").get("pid").asLong();

            long after = kernel.call("restart").get("pid").asLong();

            assertThat(after).isNotEqualTo(before);
            assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(kernel.execute("survives").status()).isEqualTo("error");
            assertThat(kernel.execute("1 + 2").resultText()).isEqualTo("3");
        }
    }
}
