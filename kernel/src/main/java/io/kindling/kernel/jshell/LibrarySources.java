package io.kindling.kernel.jshell;

import jdk.jshell.SourceCodeAnalysis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/**
 * The source roots JShell reads Javadoc from for Shift-Tab, widened from the JDK's {@code src.zip} to the
 * sources jars of libraries {@code %maven} added. JShell has no API for it: its analysis keeps the roots in a
 * private list it fills once, so this class fills it first, with the JDK's roots and a list it can add to. That
 * needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernelspec passes it); without it, or on a
 * JDK whose JShell changed, libraries simply have no Javadoc and the JDK's still shows.
 * The JDK's roots are taken over at the first library, so a kernel that never adds one pays nothing at start.
 * <pre>
 * LibrarySources sources = new LibrarySources(jshell.sourceCodeAnalysis());
 * sources.add(Path.of("commons-math3-3.6.1-sources.jar"));   // FastMath.max now shows its Javadoc
 * </pre>
 */
final class LibrarySources {
    private static final Logger LOG = LoggerFactory.getLogger(LibrarySources.class);

    private final SourceCodeAnalysis analysis;
    // Guarded by this: JShell's list once taken over; empty when JShell does not let it be.
    private Optional<List<Path>> roots;

    LibrarySources(SourceCodeAnalysis analysis) {
        this.analysis = requireNonNull(analysis, "analysis is null");
    }

    /** Adds a sources jar; Shift-Tab reads Javadoc from it from the next request on. */
    synchronized void add(Path sourcesJar) {
        requireNonNull(sourcesJar, "sourcesJar is null");
        if (roots == null) {
            roots = takeOver(analysis);
        }
        if (roots.isEmpty()) {
            return;
        }
        try {
            // Stays open for the session's life, like JShell's own src.zip.
            FileSystem jar = FileSystems.newFileSystem(sourcesJar, Map.of());
            jar.getRootDirectories().forEach(roots.get()::add);
        } catch (IOException | RuntimeException e) {
            LOG.info("Sources jar {} is unreadable; its library has no Javadoc", sourcesJar, e);
        }
    }

    /** JShell's source roots (the JDK's) as a list this class can add to, or empty when JShell does not let it. */
    private static Optional<List<Path>> takeOver(SourceCodeAnalysis analysis) {
        try {
            Method jdkSources = analysis.getClass().getDeclaredMethod("findSources");
            Field sources = analysis.getClass().getDeclaredField("availableSources");
            jdkSources.setAccessible(true);
            sources.setAccessible(true);
            List<Path> roots = new CopyOnWriteArrayList<>(((List<?>) jdkSources.invoke(analysis))
                    .stream().map(Path.class::cast).toList());
            sources.set(analysis, roots);
            return Optional.of(roots);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("Javadoc of %maven libraries is off: JShell's source roots are not reachable ({})", e.toString());
            return Optional.empty();
        }
    }
}
