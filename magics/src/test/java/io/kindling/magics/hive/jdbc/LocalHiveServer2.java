package io.kindling.magics.hive.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real local HiveServer2 ({@code local/hiveserver2/hiveserver2.sh}) for tests, started once per test JVM.
 *
 * <p>The first call to {@link #jdbcUrl()} runs {@code hiveserver2.sh start} (10–30 s, plus a one-time
 * download of about 280 MB into {@code ~/.m2}) and remembers the URL it prints. A server that was already
 * running is reused and left running; one this fixture started is stopped by a JVM shutdown hook, after
 * the clean-ups registered with {@link #atExit}. When it
 * cannot start, the failure carries the script's output, which ends with the tail of the server's logs.
 */
public final class LocalHiveServer2 {
    private static final String SCRIPT = "local/hiveserver2/hiveserver2.sh";
    private static final long START_TIMEOUT_MINUTES = 15;

    // Per-JVM fixture state: the JDBC URL of the server once it is up, and what to do before the JVM ends.
    private static String url;
    private static final List<Runnable> AT_EXIT = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LocalHiveServer2() {
    }

    /** E.g. {@code jdbc:hive2://127.0.0.1:40833/default}; starts the server if needed. */
    public static synchronized String jdbcUrl() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    /** Runs {@code cleanup} when the JVM ends, before a server this fixture started is stopped. */
    static void atExit(Runnable cleanup) {
        AT_EXIT.add(cleanup);
    }

    /** The server JVM's process id, from the script's state directory. */
    static long pid() {
        jdbcUrl();
        Path build = Optional.ofNullable(System.getenv("KINDLING_BUILD")).map(Path::of)
                .orElse(repository().resolve("build/local"));
        try {
            return Long.parseLong(Files.readString(build.resolve("hiveserver2/pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file of the local HiveServer2 under " + build, e);
        }
    }

    private static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve(SCRIPT))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + SCRIPT + " in " + dir + " or any directory above it");
    }

    private static String start() {
        Path script = repository().resolve(SCRIPT);
        boolean wasRunning = run(script, "status").exitCode() == 0;
        Result started = run(script, "start");
        if (started.exitCode() != 0) {
            throw new IllegalStateException("hiveserver2.sh start failed (exit " + started.exitCode() + "):\n" + started.stderr());
        }
        boolean startedHere = !wasRunning && !started.stderr().contains("already running");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            AT_EXIT.forEach(Runnable::run);
            if (startedHere) {
                run(script, "stop");
            }
        }, "local-hiveserver2-exit"));
        List<String> lines = started.stdout().strip().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        if (!last.startsWith("jdbc:hive2://")) {
            throw new IllegalStateException("hiveserver2.sh start printed no JDBC URL:\n" + started.stdout() + started.stderr());
        }
        return last;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(Path script, String command) {
        try {
            // Files, not pipes: the server daemon may inherit the script's descriptors and would keep a pipe open.
            Path out = Files.createTempFile("hiveserver2-sh-", ".out");
            Path err = Files.createTempFile("hiveserver2-sh-", ".err");
            try {
                Process process = new ProcessBuilder(script.toString(), command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(START_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("hiveserver2.sh " + command + " did not finish in " + START_TIMEOUT_MINUTES
                            + " minutes:\n" + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script + " " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running hiveserver2.sh " + command, e);
        }
    }
}
