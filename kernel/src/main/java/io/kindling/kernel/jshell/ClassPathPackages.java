package io.kindling.kernel.jshell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Which entries of a class path hold classes of which package ({@link JarPackages} reads the jars).
 * Directories are listed for every package: what is in them can change.
 */
final class ClassPathPackages {
    private final List<Path> entries;
    private final Map<String, List<Path>> jarsByPackage;
    private final List<Path> directories;

    private ClassPathPackages(List<Path> entries, Map<String, List<Path>> jarsByPackage, List<Path> directories) {
        this.entries = entries;
        this.jarsByPackage = jarsByPackage;
        this.directories = directories;
    }

    /** Indexes {@code classPath} (entries separated as the platform separates them), its jars read through {@code jars}. */
    static ClassPathPackages of(String classPath, JarPackages jars) {
        requireNonNull(classPath, "classPath is null");
        requireNonNull(jars, "jars is null");
        List<Path> entries = new ArrayList<>();
        Map<String, List<Path>> jarsByPackage = new HashMap<>();
        List<Path> directories = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            entries.add(path);
            if (Files.isDirectory(path)) {
                directories.add(path);
            } else if (Files.isRegularFile(path)) {
                for (String pkg : jars.of(path)) {
                    jarsByPackage.computeIfAbsent(pkg, p -> new ArrayList<>()).add(path);
                }
            }
        }
        return new ClassPathPackages(List.copyOf(entries), jarsByPackage, List.copyOf(directories));
    }

    /** The class path's entries, in order. */
    List<Path> entries() {
        return entries;
    }

    /** The entries that may hold classes of {@code packageName} ({@code a.b}), in class-path order. */
    List<Path> entriesFor(String packageName) {
        List<Path> jars = jarsByPackage.getOrDefault(packageName.replace('.', '/'), List.of());
        if (directories.isEmpty()) {
            return jars;
        }
        List<Path> found = new ArrayList<>(jars.size() + directories.size());
        for (Path entry : entries) {
            if (directories.contains(entry) || jars.contains(entry)) {
                found.add(entry);
            }
        }
        return found;
    }
}
