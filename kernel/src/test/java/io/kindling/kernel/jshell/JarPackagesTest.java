package io.kindling.kernel.jshell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class JarPackagesTest {
    @TempDir
    Path work;

    @Test
    void multiReleaseClassesCountAsTheirPackageAndModuleDescriptorsAsNoPackage() throws IOException {
        Path modular = jar("modular.jar", "module-info.class", "META-INF/versions/9/module-info.class", "a/b/C.class",
                "META-INF/versions/11/a/d/E.class", "META-INF/MANIFEST.MF");
        Path unnamed = jar("unnamed.jar", "Root.class", "a/F.class");
        JarPackages packages = new JarPackages();
        assertThat(packages.of(modular)).containsExactlyInAnyOrder("a/b", "a/d");
        assertThat(packages.of(unnamed)).containsExactlyInAnyOrder("", "a");
    }

    /** A jar whose entries are only names: the index reads the central directory, not the classes. */
    private Path jar(String name, String... entries) throws IOException {
        Path jar = work.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(new byte[]{1});
                out.closeEntry();
            }
        }
        return jar;
    }
}
