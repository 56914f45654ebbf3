package io.kindling.kernel.install;

import io.kindling.kernel.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A class data sharing archive of the classes the kernel loads to start (JShell, javac, the magics):
 * recorded once at install by a warm-up run, mapped by every kernel start after. It takes about a
 * third off the time to the first cell. A JVM that cannot use the archive (another Java) ignores it.
 */
final class ClassArchive {
    static final String FILE_NAME = "kindling.jsa";
    private static final long TIMEOUT_SECONDS = 180;

    private final Path javaExecutable;
    private final List<String> jvmFlags;
    private final String classPath;

    ClassArchive(Path javaExecutable, List<String> jvmFlags, String classPath) {
        this.javaExecutable = requireNonNull(javaExecutable, "javaExecutable is null");
        this.jvmFlags = List.copyOf(jvmFlags);
        this.classPath = requireNonNull(classPath, "classPath is null");
    }

    /** The JVM option that maps the archive. */
    static String option(Path archive) {
        return "-XX:SharedArchiveFile=" + archive;
    }

    /**
     * Runs the kernel's warm-up with the kernel's own flags and class path, recording the archive at
     * {@code archive}; empty when that fails (the kernel then starts without one).
     */
    Optional<Path> record(Path archive) throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        List<String> command = new ArrayList<>(List.of(javaExecutable.toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-cp", classPath,
                KernelspecInstaller.MAIN_CLASS, Main.WARM_UP));
        Path log = Files.createTempFile("kindling-class-archive-", ".log");
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = run.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            run.destroyForcibly();
        }
        if (finished && run.exitValue() == 0 && Files.isRegularFile(archive)) {
            Files.deleteIfExists(log);
            return Optional.of(archive);
        }
        System.err.println("warning: no class archive (the kernel starts without it); see " + log);
        return Optional.empty();
    }
}
