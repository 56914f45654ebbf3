package io.kindling.kernel.jshell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The packages each jar has classes in, read once per jar from its central directory. Reading the
 * kernel's ~300 jars takes a few hundred milliseconds, so {@link #readInBackground} starts it while
 * JShell is being created, and a jar added later ({@code %maven}) is the only one read then.
 */
final class JarPackages {
    private static final String VERSIONED = "META-INF/versions/";
    private static final String MODULE_INFO = "module-info.class";

    private final ConcurrentMap<Path, Set<String>> packages = new ConcurrentHashMap<>();

    /** Reads the jars of {@code classPath} on a daemon thread; {@link #of} waits for none of it. */
    void readInBackground(String classPath) {
        Thread reader = new Thread(() -> {
            for (String entry : classPath.split(File.pathSeparator)) {
                if (!entry.isBlank() && Files.isRegularFile(Path.of(entry))) {
                    of(Path.of(entry));
                }
            }
        }, "kindling-classpath-index");
        reader.setDaemon(true);
        reader.start();
    }

    /** The packages ({@code a/b}) {@code jar} has classes in, counting multi-release versions as their package. */
    Set<String> of(Path jar) {
        return packages.computeIfAbsent(jar, JarPackages::read);
    }

    private static Set<String> read(Path jar) {
        Set<String> found = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                if (name.startsWith(VERSIONED)) {
                    int version = name.indexOf('/', VERSIONED.length());
                    if (version < 0) {
                        continue;
                    }
                    name = name.substring(version + 1);
                }
                // A module descriptor is no class of the unnamed package (javac skips the name): counted, it made every
                // modular jar one javac opens and walks whole when the first compile lists that package.
                if (name.equals(MODULE_INFO)) {
                    continue;
                }
                int slash = name.lastIndexOf('/');
                found.add(slash < 0 ? "" : name.substring(0, slash));
            }
        } catch (IOException | RuntimeException e) {
            // Not a jar javac could read either: it is simply never listed.
            return Set.of();
        }
        return Set.copyOf(found);
    }
}
