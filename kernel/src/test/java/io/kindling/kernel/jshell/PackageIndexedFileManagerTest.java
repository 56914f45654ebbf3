package io.kindling.kernel.jshell;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** JShell on a class path javac reads by package: what compiles, and to which class a name resolves, stays the same. */
class PackageIndexedFileManagerTest {
    @TempDir
    Path work;

    private JShell jshell;

    @BeforeEach
    void start() {
        jshell = JShell.builder().executionEngine("local").fileManager(standard -> new PackageIndexedFileManager(standard, new JarPackages())).build();
    }

    @AfterEach
    void stop() {
        jshell.close();
    }

    @Test
    void theFirstJarOnTheClassPathWinsAsWithTheStandardManager() throws IOException {
        Path first = jar("first", "package shadow; public class Twin { public static String first() { return \"first\"; } }");
        Path second = jar("second", "package shadow; public class Twin { public static String second() { return \"second\"; } }");
        jshell.addToClasspath(first + File.pathSeparator + second);
        assertThat(value("shadow.Twin.first()")).isEqualTo("\"first\"");
        assertThat(status("shadow.Twin.second()")).isEqualTo(Snippet.Status.REJECTED);
    }

    @Test
    void aPackageSplitAcrossJarsIsReadFromEachAndStarImportsSeeAll() throws IOException {
        Path one = jar("one", "package split; public class One { public static int one() { return 1; } }");
        Path two = jar("two", "package split; public class Two { public static int two() { return 2; } }");
        jshell.addToClasspath(one + File.pathSeparator + two);
        assertThat(status("import split.*;")).isEqualTo(Snippet.Status.VALID);
        assertThat(value("One.one() + Two.two()")).isEqualTo("3");
    }

    @Test
    void jarsAndDirectoriesAddedLaterAreReadAndAnUnknownPackageIsStillAnError() throws IOException {
        jshell.addToClasspath(jar("early", "package early; public class Early { public static int e() { return 5; } }").toString());
        assertThat(value("early.Early.e()")).isEqualTo("5");
        assertThat(status("late.Late.l()")).isEqualTo(Snippet.Status.REJECTED);

        jshell.addToClasspath(jar("late", "package late; public class Late { public static int l() { return 7; } }").toString());
        Path classes = compile("dir", "package fromdir; public class InDir { public static int d() { return 11; } }");
        jshell.addToClasspath(classes.toString());
        assertThat(value("late.Late.l() + fromdir.InDir.d() + early.Early.e()")).isEqualTo("23");
    }

    private String value(String code) {
        List<SnippetEvent> events = jshell.eval(code);
        assertThat(events.get(0).status()).as(code + ": " + jshell.diagnostics(events.get(0).snippet()).toList()).isEqualTo(Snippet.Status.VALID);
        return events.get(0).value();
    }

    private Snippet.Status status(String code) {
        return jshell.eval(code).get(0).status();
    }

    /** Compiles one class into a directory of its own. */
    private Path compile(String name, String source) throws IOException {
        Path sources = Files.createDirectories(work.resolve(name + "-src"));
        String simpleName = source.replaceAll("(?s).*public class (\\w+).*", "$1");
        Path file = Files.writeString(sources.resolve(simpleName + ".java"), source);
        Path classes = Files.createDirectories(work.resolve(name + "-classes"));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), file.toString());
        assertThat(status).isZero();
        return classes;
    }

    /** Compiles one class into a jar of its own. */
    private Path jar(String name, String source) throws IOException {
        Path classes = compile(name, source);
        Path jar = work.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
