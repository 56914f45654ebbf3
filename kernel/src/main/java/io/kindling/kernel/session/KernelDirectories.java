package io.kindling.kernel.session;

import io.kindling.magics.spark.KernelIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The temporary directories of one kernel run (cell classes for executors, generated pod templates, query
 * results). Each name carries the owning process's pid and start time, {@code kindling-repl-classes-4711-1764740000-…},
 * so that a later kernel can remove those of a kernel that died without its shutdown hook ({@code kill -9},
 * {@code shutdown_kernel(now=True)}) and never those of a live one.
 */
public final class KernelDirectories {
    /** {@code <prefix><pid>-<start seconds>-<random>}, the random part from {@link Files#createTempDirectory}. */
    private static final Pattern OWNED = Pattern.compile("kindling-[a-z]+(?:-[a-z]+)*-(\\d+)-(\\d+)-\\d+");

    private final Path root;
    private final long pid;
    private final long startedAt;

    /**
     * @param root      where the directories go, the JVM's {@code java.io.tmpdir}
     * @param pid       this kernel's process id
     * @param startedAt when this kernel's process started, in epoch seconds (0 if unknown)
     */
    public KernelDirectories(Path root, long pid, long startedAt) {
        this.root = requireNonNull(root, "root is null");
        this.pid = pid;
        this.startedAt = startedAt;
    }

    public static KernelDirectories of(KernelIdentity kernel) {
        return new KernelDirectories(Path.of(System.getProperty("java.io.tmpdir")), kernel.pid(), kernel.startedAt());
    }

    /** A new directory of this kernel run, deleted when the JVM exits normally; {@code prefix} ends with {@code -}. */
    public Path create(String prefix) {
        try {
            Path directory = Files.createTempDirectory(root, prefix + pid + "-" + startedAt + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory), prefix + "cleanup"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory " + prefix + "* in " + root, e);
        }
    }

    /**
     * Deletes the directories of kernels whose process is gone; directories of live kernels (this one
     * included), of other users, and whose names carry no owner are left alone.
     *
     * @return the directories deleted
     */
    public List<Path> reapDead() {
        List<Path> reaped = new ArrayList<>();
        String user = System.getProperty("user.name", "");
        try (Stream<Path> entries = Files.list(root)) {
            for (Path directory : entries.toList()) {
                Matcher owner = OWNED.matcher(directory.getFileName().toString());
                if (!owner.matches() || !Files.isDirectory(directory)) {
                    continue;
                }
                long ownerPid = Long.parseLong(owner.group(1));
                if (ownedBy(directory, user) && KernelIdentity.processIsGone(ownerPid, owner.group(2))) {
                    deleteTree(directory);
                    reaped.add(directory);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // An unreadable temporary directory: nothing to reap there.
        }
        return reaped;
    }

    private static boolean ownedBy(Path directory, String user) {
        try {
            return Files.getOwner(directory).getName().equals(user);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            // Deepest first, so each directory is empty when its turn comes.
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover temporary directory is harmless, and the next kernel tries again.
        }
    }
}
