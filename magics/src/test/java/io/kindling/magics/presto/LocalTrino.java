package io.kindling.magics.presto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real local Trino server ({@code local/trino/trino.sh}) for tests, started once per test JVM.
 *
 * <p>The first call to {@link #url()} or {@link #jdbcUrl()} runs {@code trino.sh start} (about 10–20 s,
 * plus a one-time download into {@code ~/.m2}) and remembers the URL it prints. A server that was
 * already running is reused and left running; one this fixture started is stopped by a JVM shutdown
 * hook. The script is found by walking up from the working directory (a module's basedir under
 * surefire), so the fixture works from {@code magics/} and from the end-to-end tests alike.
 *
 * <pre>{@code
 * try (Connection c = DriverManager.getConnection(LocalTrino.jdbcUrl(), "kindling-test", null)) { ... }
 * }</pre>
 */
public final class LocalTrino {
    private static final String SCRIPT = "local/trino/trino.sh";
    private static final long START_TIMEOUT_MINUTES = 10;

    // Per-JVM fixture state: the URL of the server once it is up.
    private static String url;

    private LocalTrino() {
    }

    /** The server's HTTP URL, e.g. {@code http://127.0.0.1:38771}; starts the server if needed. */
    public static synchronized String url() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    /** The JDBC URL of the server, e.g. {@code jdbc:trino://127.0.0.1:38771}. */
    public static String jdbcUrl() {
        URI http = URI.create(url());
        return "jdbc:trino://" + http.getHost() + ":" + http.getPort();
    }

    /** The {@code trino.sh} script of the repository this JVM runs in. */
    public static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            Path script = candidate.resolve(SCRIPT);
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("no " + SCRIPT + " in " + dir + " or any directory above it");
    }

    private static String start() {
        Path script = script();
        boolean wasRunning = run(script, "status").exitCode() == 0;
        Result started = run(script, "start");
        if (started.exitCode() != 0) {
            throw new IllegalStateException("trino.sh start failed (exit " + started.exitCode() + "):\n" + started.stderr());
        }
        // Another JVM may have started it between "status" and "start": the script then says so.
        boolean startedHere = !wasRunning && !started.stderr().contains("already running");
        if (startedHere) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> run(script, "stop"), "local-trino-stop"));
        }
        List<String> lines = started.stdout().strip().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        if (!last.startsWith("http://")) {
            throw new IllegalStateException("trino.sh start printed no URL:\n" + started.stdout() + started.stderr());
        }
        return last;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(Path script, String command) {
        try {
            // Files, not pipes: the server daemon may inherit the script's stderr and would keep a pipe open.
            Path out = Files.createTempFile("trino-sh-", ".out");
            Path err = Files.createTempFile("trino-sh-", ".err");
            try {
                Process process = new ProcessBuilder(script.toString(), command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(START_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("trino.sh " + command + " did not finish in " + START_TIMEOUT_MINUTES + " minutes");
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
            throw new IllegalStateException("interrupted while running trino.sh " + command, e);
        }
    }
}
