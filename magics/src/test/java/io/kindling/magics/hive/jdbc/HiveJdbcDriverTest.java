package io.kindling.magics.hive.jdbc;

import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hive.common.util.HiveVersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kyuubi driver beside Spark's Hive 2.3 classes, in one JVM. */
class HiveJdbcDriverTest {

    /** What the shaded jar leaves unrelocated: only SLF4J's API, which is why it gets a loader of its own. */
    @Test
    void theShadedJarRelocatesEverythingButSlf4j() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (InputStream jar = HiveJdbcDriver.class.getResourceAsStream(HiveJdbcDriver.JAR_RESOURCE);
             ZipInputStream entries = new ZipInputStream(jar)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.startsWith("org/apache/kyuubi/")) {
                    packages.add(name.substring(0, name.lastIndexOf('/')));
                }
            }
        }

        assertThat(packages).containsExactly("org/slf4j", "org/slf4j/event", "org/slf4j/helpers", "org/slf4j/spi");
    }

    /** Inside the magics jar the driver jar is a jar: resource, copied out once and checked before every use. */
    @Test
    void aDriverJarInsideAJarIsExtractedOnceAndChecked(@TempDir Path dir) throws IOException {
        Path outer = dir.resolve("magics.jar");
        try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(outer))) {
            jar.putNextEntry(new ZipEntry("io/kindling/magics/hive/jdbc/" + HiveJdbcDriver.JAR_RESOURCE));
            jar.write("driver bytes".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        URL resource = new URL("jar:" + outer.toUri() + "!/io/kindling/magics/hive/jdbc/" + HiveJdbcDriver.JAR_RESOURCE);
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache);

        Path first = HiveJdbcDriver.extracted(resource, cache);
        Files.writeString(first, "tampered");
        Path second = HiveJdbcDriver.extracted(resource, cache);

        assertThat(second).isEqualTo(first);
        assertThat(first.getFileName().toString()).matches("kyuubi-hive-jdbc-shaded-[0-9a-f]{16}\\.jar");
        assertThat(Files.readString(second)).isEqualTo("driver bytes");
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files).containsExactly(first);
        }
    }

    @Test
    void theDriverAndSparksHiveLiveInOneJvm() throws Exception {
        HiveConf sparkHive = new HiveConf();                                   // Hive 2.3, from spark-hive
        Class<?> sparkHiveCatalog = Class.forName("org.apache.spark.sql.hive.HiveExternalCatalog");
        Driver driver = HiveJdbcDriver.driver();
        ClassLoader isolated = HiveJdbcDriver.classLoader();

        assertThat(HiveVersionInfo.getVersion()).isEqualTo("2.3.10");
        assertThat(sparkHive.getVar(HiveConf.ConfVars.METASTOREURIS)).isNotNull();
        assertThat(sparkHiveCatalog.getClassLoader()).isNotSameAs(isolated);
        assertThat(driver.getClass().getName()).isEqualTo(HiveJdbcDriver.DRIVER_CLASS);
        assertThat(driver.acceptsURL("jdbc:hive2://h:1/d")).isTrue();
        assertThat(driver.acceptsURL("jdbc:kyuubi://h:1/d")).isTrue();
        // Neither side sees the other's classes...
        assertThatThrownBy(() -> isolated.loadClass(HiveConf.class.getName())).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> isolated.loadClass("org.apache.thrift.TException")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName(HiveJdbcDriver.DRIVER_CLASS)).isInstanceOf(ClassNotFoundException.class);
        // ...but SLF4J, which is the kernel's (2.x, bound to Log4j), not the driver's 1.7 copy.
        assertThat(isolated.loadClass("org.slf4j.LoggerFactory")).isSameAs(org.slf4j.LoggerFactory.class);
        assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName()).isEqualTo("org.apache.logging.slf4j.Log4jLoggerFactory");

        // And it works: a session on the real server, with Spark's Hive loaded beside it.
        Properties user = new Properties();
        user.setProperty("user", "kindling");
        try (Connection connection = driver.connect(LocalHiveServer2.jdbcUrl(), user);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 40 + 2")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }
}
