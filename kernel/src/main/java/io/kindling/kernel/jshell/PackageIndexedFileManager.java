package io.kindling.kernel.jshell;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * JShell's file manager with a class path that javac reads only where it looks. The standard file
 * manager opens every jar of the class path the first time javac looks up any package (the kernel's
 * ~300 jars: seconds before the first cell compiles); this one lists a package only in the jars that
 * hold it ({@link ClassPathPackages}), each opened the first time one of its packages is needed. The
 * class path, its order and every other location stay the standard manager's: what compiles and what
 * a name resolves to do not change.
 */
final class PackageIndexedFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> implements StandardJavaFileManager {
    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-classpath", "-cp", "--class-path");

    private final JavaCompiler compiler;
    private final JarPackages jars;
    private final Map<Path, StandardJavaFileManager> perEntry = new HashMap<>();
    private ClassPathPackages classPath;

    /** @param jars the packages of each jar, maybe being read already */
    PackageIndexedFileManager(StandardJavaFileManager standard, JarPackages jars) {
        super(requireNonNull(standard, "standard is null"));
        this.compiler = ToolProvider.getSystemJavaCompiler();
        this.jars = requireNonNull(jars, "jars is null");
        this.classPath = ClassPathPackages.of("", jars);
    }

    @Override
    public synchronized boolean handleOption(String current, Iterator<String> remaining) {
        if (CLASS_PATH_OPTIONS.contains(current) && remaining.hasNext()) {
            String value = remaining.next();
            classPath = ClassPathPackages.of(value, jars);
            return super.handleOption(current, List.of(value).iterator());
        }
        return super.handleOption(current, remaining);
    }

    @Override
    public synchronized Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                                      boolean recurse) throws IOException {
        if (location != StandardLocation.CLASS_PATH || recurse || classPath.entries().isEmpty()) {
            return super.list(location, packageName, kinds, recurse);
        }
        List<JavaFileObject> found = new ArrayList<>();
        for (Path entry : classPath.entriesFor(packageName)) {
            entryManager(entry).list(location, packageName, kinds, false).forEach(found::add);
        }
        return found;
    }

    @Override
    public synchronized JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind)
            throws IOException {
        if (location != StandardLocation.CLASS_PATH || classPath.entries().isEmpty()) {
            return super.getJavaFileForInput(location, className, kind);
        }
        int dot = className.lastIndexOf('.');
        for (Path entry : classPath.entriesFor(dot < 0 ? "" : className.substring(0, dot))) {
            JavaFileObject file = entryManager(entry).getJavaFileForInput(location, className, kind);
            if (file != null) {
                return file;
            }
        }
        return null;
    }

    /** A standard manager whose class path is this one entry: it opens the jar when first asked. */
    private StandardJavaFileManager entryManager(Path entry) {
        return perEntry.computeIfAbsent(entry, path -> {
            StandardJavaFileManager manager = compiler.getStandardFileManager(null, null, null);
            try {
                manager.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return manager;
        });
    }

    @Override
    public synchronized void close() throws IOException {
        for (StandardJavaFileManager manager : perEntry.values()) {
            manager.close();
        }
        perEntry.clear();
        super.close();
    }

    // The rest is the standard manager's.

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public synchronized void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
        if (location == StandardLocation.CLASS_PATH) {
            classPath = ClassPathPackages.of(joined(fileManager.getLocationAsPaths(location)), jars);
        }
    }

    @Override
    public synchronized void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationFromPaths(location, paths);
        if (location == StandardLocation.CLASS_PATH) {
            classPath = ClassPathPackages.of(joined(fileManager.getLocationAsPaths(location)), jars);
        }
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory factory) {
        fileManager.setPathFactory(factory);
    }

    private static String joined(Iterable<? extends Path> paths) {
        List<String> entries = new ArrayList<>();
        if (paths != null) {
            paths.forEach(p -> entries.add(p.toString()));
        }
        return String.join(File.pathSeparator, entries);
    }
}
