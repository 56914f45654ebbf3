package io.kindling.kernel.jshell;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.tools.ToolProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The rewriter on classes shaped like JShell's, compiled by javac so every field type and a branch are covered. */
class ExecutorVariableRewriterTest {
    private static final String VARIABLES = """
            package REPL;
            public class $JShell$7 {
                public static int i = 1;
                public static long j = 2;
                public static double d = 3;
                public static float f = 4;
                public static boolean z = true;
                public static byte b = 5;
                public static short s = 6;
                public static char c = 'c';
                public static String text = "text";
                public static int[] numbers = {7};
                public static class Ride {
                    public static int count = 8;
                }
            }
            """;
    /** Each read sits in one arm of a branch, so the class only verifies if the stack map frames still fit. */
    private static final String READERS = """
            package REPL;
            public class $JShell$8B {
                public static int readI(boolean real) { return real ? $JShell$7.i : -1; }
                public static long readJ(boolean real) { return real ? $JShell$7.j : -1; }
                public static double readD(boolean real) { return real ? $JShell$7.d : -1; }
                public static float readF(boolean real) { return real ? $JShell$7.f : -1; }
                public static boolean readZ(boolean real) { return real ? $JShell$7.z : false; }
                public static byte readB(boolean real) { return real ? $JShell$7.b : -1; }
                public static short readS(boolean real) { return real ? $JShell$7.s : -1; }
                public static char readC(boolean real) { return real ? $JShell$7.c : '-'; }
                public static String readText(boolean real) { return real ? $JShell$7.text : "-"; }
                public static int[] readNumbers(boolean real) { return real ? $JShell$7.numbers : new int[0]; }
                public static int readNested() { return $JShell$7.Ride.count; }
                public static void assign() { $JShell$7.i = 42; }
            }
            """;

    @TempDir
    static Path classes;
    private static ClassLoader executor;

    @BeforeAll
    static void compileAndRewrite() throws Exception {
        Path sources = Files.createDirectories(classes.resolve("src"));
        Path variables = Files.writeString(sources.resolve("$JShell$7.java"), VARIABLES);
        Path readers = Files.writeString(sources.resolve("$JShell$8B.java"), READERS);
        Path out = Files.createDirectories(classes.resolve("out"));
        int status = ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", out.toString(), variables.toString(), readers.toString());
        assertThat(status).isZero();
        try (Stream<Path> files = Files.list(out.resolve("REPL"))) {
            for (Path file : files.toList()) {
                Files.write(file, ExecutorVariableRewriter.rewrite(Files.readAllBytes(file)));
            }
        }
        executor = new URLClassLoader(new URL[] {out.toUri().toURL()}, ExecutorVariableRewriterTest.class.getClassLoader());
    }

    @ParameterizedTest
    @CsvSource({"readI, i", "readJ, j", "readD, d", "readF, f", "readZ, z", "readB, b", "readS, s", "readC, c",
            "readText, text", "readNumbers, numbers"})
    void readingAWrapperFieldAsksForItByWrapperClassAndName(String method, String field) throws Exception {
        Method read = readers().getMethod(method, boolean.class);

        Throwable thrown = catchThrowable(() -> read.invoke(null, true));

        assertThat(thrown).isInstanceOf(InvocationTargetException.class);
        // Outside a Spark task there is no kernel to ask; the message shows what would have been asked for.
        assertThat(thrown.getCause())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("notebook variable '" + field + "' (REPL.$JShell$7) can only be read here in a Spark task");
        // The other arm of the branch still runs: the rewritten method verified.
        assertThat(read.invoke(null, false)).isNotNull();
    }

    @Test
    void nestedClassStaticsAndWritesAreLeftAlone() throws Exception {
        assertThat(readers().getMethod("readNested").invoke(null)).isEqualTo(8);

        readers().getMethod("assign").invoke(null);

        assertThat(Class.forName("REPL.$JShell$7", true, executor).getField("i").get(null)).isEqualTo(42);
    }

    @Test
    void onlyWrapperClassesAreWrappers() {
        assertThat(List.of("REPL/$JShell$12", "REPL/$JShell$4B", "REPL/$JShell$4BC"))
                .allMatch(ExecutorVariableRewriter::isWrapper);
        assertThat(List.of("REPL/$JShell$12$Ride", "REPL/$JShell$12$1", "REPL/Other", "other/$JShell$12", "REPL/$JShell$"))
                .noneMatch(ExecutorVariableRewriter::isWrapper);
    }

    @Test
    void classesWithoutWrapperReadsKeepTheirBytes() throws Exception {
        byte[] original = Files.readAllBytes(classes.resolve("out/REPL/$JShell$7$Ride.class"));

        assertThat(ExecutorVariableRewriter.rewrite(original)).isSameAs(original);
    }

    private static Class<?> readers() throws ClassNotFoundException {
        return Class.forName("REPL.$JShell$8B", true, executor);
    }
}
