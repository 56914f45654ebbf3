package io.kindling.magics.hive;

import io.kindling.magics.config.UserHome;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The machine's local Hive metastore: one service shared by every kernel of the user (an embedded
 * Derby database admits one JVM only, and several notebooks are open at once), started by the first
 * kernel that needs it and left running for the next, like the local Trino. Its files live in
 * {@code ~/.kindling/hive} ({@code $KINDLING_HIVE_HOME}); it listens on loopback only.
 * <pre>
 * java -cp '&lt;kernel lib&gt;/*' io.kindling.magics.hive.LocalMetastore status|start|stop
 * </pre>
 */
public final class LocalMetastore {
    public static final String ENV_HOME = "KINDLING_HIVE_HOME";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final MetastoreFiles files;
    private final List<String> launch;
    private final Duration startTimeout;

    /**
     * @param home         the service's directory
     * @param launch       the command that runs a Java main class with the kernel's class path, without the class
     * @param startTimeout how long a start may take (Derby creates its schema on the first one)
     */
    public LocalMetastore(Path home, List<String> launch, Duration startTimeout) {
        this.files = new MetastoreFiles(requireNonNull(home, "home is null").toAbsolutePath());
        this.launch = List.copyOf(launch);
        this.startTimeout = requireNonNull(startTimeout, "startTimeout is null");
    }

    /** The service of this user: {@code $KINDLING_HIVE_HOME}, else {@code <home>/.kindling/hive}, run by this JVM's Java. */
    public static LocalMetastore of(Map<String, String> environment, Path home) {
        Path directory = Optional.ofNullable(environment.get(ENV_HOME)).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(home.resolve(".kindling").resolve("hive"));
        return new LocalMetastore(directory, thisJava(), Duration.ofMinutes(3));
    }

    /** This JVM's {@code java} with its class path, in a session of its own when {@code setsid} exists. */
    static List<String> thisJava() {
        List<String> command = new ArrayList<>();
        // Jupyter signals the kernel's whole process group (interrupt, kill): the shared service must not be in it.
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        // The kernel's log4j configuration asks for async loggers, whose library the service does not need.
        command.add("-Dlog4j2.contextSelector=org.apache.logging.log4j.core.selector.ClassLoaderContextSelector");
        command.add("-cp");
        // Absolute: the service runs in its own directory.
        command.add(java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
        return command;
    }

    public Path home() {
        return files.home();
    }

    /** The warehouse every kernel writes managed tables to. */
    public URI warehouse() {
        return files.warehouse().toUri();
    }

    /** Where the service listens, if it runs and answers. */
    public Optional<URI> running() {
        return readAddress().filter(Address::answers).map(Address::uri);
    }

    /**
     * The service's address, starting it first when no kernel has (or it died). Kernels that call this at
     * the same time wait for each other, so one service starts.
     *
     * @throws MagicError METASTORE_UNAVAILABLE with the reason and the end of its log when it cannot start
     */
    public URI ensureRunning() {
        Optional<URI> fast = running();
        if (fast.isPresent()) {
            return fast.get();
        }
        try {
            Files.createDirectories(files.home());
            try (FileChannel channel = FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Optional<URI> started = running();
                return started.isPresent() ? started.get() : start();
            }
        } catch (IOException e) {
            throw new MagicError(ErrorName.METASTORE_UNAVAILABLE, "could not start the local Hive metastore in "
                    + files.home() + ": " + e.getMessage(), List.of(), e);
        }
    }

    /**
     * Stops the service if it runs; returns whether one was running. The address file stays (its process
     * gone marks it stale) so the next start takes the same port and running kernels' sessions reconnect.
     */
    public boolean stop() {
        Optional<Address> address = readAddress();
        Optional<ProcessHandle> process = address.flatMap(a -> ProcessHandle.of(a.pid())).filter(this::isService);
        process.ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
        return process.isPresent();
    }

    private URI start() throws IOException {
        int previousPort = readAddress().map(Address::port).orElse(0);
        Files.deleteIfExists(files.address());
        List<String> command = new ArrayList<>(launch);
        command.add(MetastoreServer.class.getName());
        command.add(files.home().toString());
        command.add(Integer.toString(previousPort));
        Process process = new ProcessBuilder(command).directory(files.home().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                .start();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<URI> up = running();
            if (up.isPresent()) {
                return up.get();
            }
            if (!process.isAlive() && readAddress().isEmpty()) {
                throw unavailable("the local Hive metastore exited while starting (exit code " + process.exitValue() + ")");
            }
            sleep();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw unavailable("the local Hive metastore did not start within " + startTimeout.toSeconds() + " s");
    }

    private MagicError unavailable(String problem) {
        return new MagicError(ErrorName.METASTORE_UNAVAILABLE, problem + "; its log is " + files.log(), logTail(), null);
    }

    private List<String> logTail() {
        try {
            List<String> lines = Files.readAllLines(files.log(), StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 15), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    private boolean isService(ProcessHandle process) {
        // A recycled pid must not be killed: the command line names the service's class when the OS tells it.
        return process.info().arguments().map(a -> List.of(a).contains(MetastoreServer.class.getName())).orElse(true);
    }

    private Optional<Address> readAddress() {
        try {
            String[] parts = Files.readString(files.address(), StandardCharsets.UTF_8).strip().split(" ");
            return Optional.of(new Address(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagicError(ErrorName.INTERRUPTED, "interrupted while the local Hive metastore started; it goes on starting");
        }
    }

    /** Where the service said it listens, and its process. */
    private record Address(int port, long pid) {
        URI uri() {
            return URI.create("thrift://127.0.0.1:" + port);
        }

        boolean answers() {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
            return false;
        }
    }

    /** {@code status}, {@code start} or {@code stop} the service of {@code $KINDLING_HIVE_HOME} or {@code ~/.kindling/hive}. */
    public static void main(String[] args) {
        LocalMetastore metastore = of(System.getenv(), UserHome.of(System.getenv()));
        String command = args.length == 1 ? args[0] : "";
        switch (command) {
            case "start" -> System.out.println(metastore.ensureRunning() + " " + metastore.warehouse());
            case "stop" -> System.out.println(metastore.stop() ? "stopped" : "not running");
            case "status" -> {
                Optional<URI> address = metastore.running();
                System.out.println(address.map(URI::toString).orElse("not running") + " (" + metastore.home() + ")");
                System.exit(address.isPresent() ? 0 : 1);
            }
            default -> {
                System.err.println("usage: LocalMetastore status|start|stop");
                System.exit(2);
            }
        }
    }
}
