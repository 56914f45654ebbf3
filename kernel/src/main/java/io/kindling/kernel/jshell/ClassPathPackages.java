package io.kindling.kernel.jshell;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static java.util.Objects.requireNonNull;

/**
 * Which entries of a class path hold classes of which package, read from the jars' central
 * directories once. Directories are listed for every package: what is in them can change.
 */
final class ClassPathPackages {
    private static final String VERSIONED = "META-INF/versions/";

    private final List<Path> entries;
    private final Map<String, List<Path>> jarsByPackage;
    private final List<Path> directories;

    private ClassPathPackages(List<Path> entries, Map<String, List<Path>> jarsByPackage, List<Path> directories) {
        this.entries = entries;
        this.jarsByPackage = jarsByPackage;
        this.directories = directories;
    }

    /** Reads every jar of {@code classPath} (entries separated as the platform separates them). */
    static ClassPathPackages of(String classPath) {
        requireNonNull(classPath, "classPath is null");
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
                for (String pkg : packagesOf(path)) {
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

    /** The packages ({@code a/b}) a jar has classes in, counting multi-release versions as their package. */
    private static Set<String> packagesOf(Path jar) {
        Set<String> packages = new HashSet<>();
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
                int slash = name.lastIndexOf('/');
                packages.add(slash < 0 ? "" : name.substring(0, slash));
            }
        } catch (IOException e) {
            // Not a jar javac could read either: it is simply never listed.
            return Set.of();
        } catch (UncheckedIOException e) {
            return Set.of();
        }
        return packages;
    }
}
