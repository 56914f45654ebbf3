package io.kindling.magics.spark.k8s;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** One executor JVM started by {@link LocalKubelet}, with its output in a log file. */
final class ExecutorJvm {
    private final String podName;
    private final Process process;
    private final Path log;

    private ExecutorJvm(String podName, Process process, Path log) {
        this.podName = requireNonNull(podName, "podName is null");
        this.process = requireNonNull(process, "process is null");
        this.log = requireNonNull(log, "log is null");
    }

    /**
     * Starts {@code launch} in {@code workingDirectory}; the log gets the command and environment
     * first, then the JVM's stdout and stderr interleaved as a container log would have them.
     */
    static ExecutorJvm start(ExecutorLaunch launch, Path workingDirectory, Path log) throws IOException {
        Files.createDirectories(workingDirectory);
        Files.writeString(log, launch.describe());
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process process = builder.start();
        process.getOutputStream().close(); // a container's stdin is closed too
        return new ExecutorJvm(launch.podName(), process, log);
    }

    String podName() {
        return podName;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code (128 + signal when killed) when the JVM has exited. */
    CompletableFuture<Integer> exit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Asks the JVM to stop (SIGTERM), and kills it if it is still there after {@code grace}; does not wait. */
    void stop(Duration grace) {
        process.destroy();
        CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS).execute(process::destroyForcibly);
    }

    /** As {@link #stop}, but returns only once the JVM is gone. */
    void stopAndWait(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
