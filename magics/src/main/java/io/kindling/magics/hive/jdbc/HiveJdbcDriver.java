package io.kindling.magics.hive.jdbc;

import io.kindling.magics.config.UserHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kyuubi Hive JDBC driver ({@code org.apache.kyuubi:kyuubi-hive-jdbc-shaded}), loaded in a class loader
 * of its own.
 *
 * <p>Why not the class path: the shaded jar relocates Hive, Thrift, Hadoop, Guava, Jackson, Netty and
 * HttpClient, but it carries an unrelocated copy of the SLF4J 1.7 API ({@code org/slf4j/*}, 34 classes).
 * Spark (and so the kernel) uses slf4j-api 2.x, whose providers SLF4J 1.7 cannot see: when the driver's
 * jar comes first on a class path, {@code org.slf4j.LoggerFactory} is the 1.7 one, prints
 * "Failed to load class org.slf4j.impl.StaticLoggerBinder" and makes every logger in the JVM (Spark's
 * too) a no-op. Which jar comes first depends on the class path's order, and the kernel's {@code lib/*}
 * has none. So the jar travels inside the magics jar as a resource (Maven copies it there, see
 * {@code magics/pom.xml}) and is loaded here by a loader that shows the driver none of the kernel's
 * classes (no Hive 2.3, Thrift 0.16 or Hadoop of Spark's), except SLF4J: {@code org.slf4j.*} comes from
 * the kernel's own slf4j-api 2.x (a compatible superset of the 1.7 API the driver calls), so the
 * driver's log lines go where the kernel's go.
 *
 * <p>The driver is used through {@link Driver#connect} directly: {@code DriverManager} would not hand a
 * caller a driver its class loader cannot see.
 */
final class HiveJdbcDriver {
    /** The driver jar, next to this class. */
    static final String JAR_RESOURCE = "kyuubi-hive-jdbc-shaded.jar";
    static final String DRIVER_CLASS = "org.apache.kyuubi.jdbc.KyuubiHiveDriver";

    /**
     * Created before the driver loads: Log4j gives the driver's loggers the logger context of the first
     * ancestor loader that has one, and this makes sure the kernel's does.
     */
    private static final Logger LOG = LoggerFactory.getLogger(HiveJdbcDriver.class);

    private HiveJdbcDriver() {
    }

    /** Loaded once, on first use, by the JVM's class initialisation (thread-safe, nothing mutable). */
    private static final class Loaded {
        static final Driver DRIVER = load();
    }

    /** The driver, loaded on first use. */
    static Driver driver() {
        return Loaded.DRIVER;
    }

    private static Driver load() {
        ClassLoader loader = new IsolatingClassLoader(jarUrl(), HiveJdbcDriver.class.getClassLoader());
        try {
            Driver loaded = (Driver) Class.forName(DRIVER_CLASS, true, loader).getConstructor().newInstance();
            LOG.info("Hive JDBC driver {} {}.{} loaded in its own class loader from {}", DRIVER_CLASS,
                    loaded.getMajorVersion(), loaded.getMinorVersion(), jarUrl());
            return loaded;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load the Hive JDBC driver " + DRIVER_CLASS + " from " + jarUrl(), e);
        }
    }

    /** The class loader the driver lives in. */
    static ClassLoader classLoader() {
        return driver().getClass().getClassLoader();
    }

    /**
     * A {@code file:} URL of the driver jar: the resource itself when the classes are a directory (a build
     * tree), else a copy extracted from the magics jar into a cache directory readable only by this user,
     * named by the content's SHA-256 and checked against it before every use.
     */
    private static URL jarUrl() {
        URL resource = HiveJdbcDriver.class.getResource(JAR_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(JAR_RESOURCE + " is missing next to " + HiveJdbcDriver.class.getName()
                    + ": the magics build copies it there (maven-dependency-plugin, execution hive-jdbc-driver)");
        }
        if (resource.getProtocol().equals("file")) {
            return resource;
        }
        try {
            return extracted(resource, cacheDirectory()).toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the Hive JDBC driver from " + resource, e);
        }
    }

    /** {@code resource} copied into {@code dir} (once: a copy with the same SHA-256 is reused). */
    static Path extracted(URL resource, Path dir) throws IOException {
        MessageDigest digest = sha256();
        byte[] content;
        try (InputStream in = new DigestInputStream(resource.openStream(), digest)) {
            content = in.readAllBytes();
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        Path jar = dir.resolve("kyuubi-hive-jdbc-shaded-" + sha256.substring(0, 16) + ".jar");
        if (Files.isRegularFile(jar) && sha256Of(jar).equals(sha256)) {
            return jar;
        }
        Path staging = Files.createTempFile(dir, ".kyuubi-hive-jdbc-", ".jar");
        try {
            Files.write(staging, content);
            try {
                Files.move(staging, jar, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, jar, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(staging);
        }
        return jar;
    }

    /** {@code ~/.cache/kindling/drivers} (or under {@code $XDG_CACHE_HOME}), created readable only by this user. */
    private static Path cacheDirectory() throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : UserHome.of(System.getenv()).resolve(".cache");
        Path dir = base.resolve("kindling").resolve("drivers");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the SHA-256 check still guards what is loaded
            }
        }
        return dir;
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The driver jar, isolated: {@code java.*} and the other platform classes from the platform class loader,
     * {@code org.slf4j.*} from the kernel's loader, everything else (classes and resources) only from the
     * jar. The kernel's loader is nonetheless its parent, never asked for anything else: Log4j picks a
     * logger context by the logging class's loader and its parents, so the driver's log lines reach the
     * kernel's Log4j configuration instead of a fresh default one printing errors on stdout.
     */
    static final class IsolatingClassLoader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

        IsolatingClassLoader(URL jar, ClassLoader kernel) {
            super("kyuubi-hive-jdbc", new URL[] {jar}, kernel);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && name.startsWith("org.slf4j.")) {
                    loaded = loadOrNull(getParent(), name);      // else the jar's own copy, which then logs nowhere
                }
                if (loaded == null) {
                    loaded = loadOrNull(PLATFORM, name);
                }
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : PLATFORM.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
            urls.addAll(Collections.list(PLATFORM.getResources(name)));
            return Collections.enumeration(urls);
        }

        private static Class<?> loadOrNull(ClassLoader loader, String name) {
            try {
                return loader.loadClass(name);
            } catch (ClassNotFoundException e) {
                return null;
            }
        }
    }
}
