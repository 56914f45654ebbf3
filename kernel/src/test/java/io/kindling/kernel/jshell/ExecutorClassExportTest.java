package io.kindling.kernel.jshell;

import io.kindling.kernel.memory.HeapReserve;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Cells evaluated by the real evaluator, then their exported classes loaded in a fresh class loader over
 * the export directory, as Spark's {@code ExecutorClassLoader} does on an executor.
 */
class ExecutorClassExportTest {
    @TempDir
    static Path exported;
    private static JavaEvaluator evaluator;
    private static URLClassLoader executor;
    private static int cells;

    @BeforeAll
    static void runCells() throws IOException {
        evaluator = JavaEvaluator.start(System.getProperty("java.class.path"), List.of(),
                new PrintStream(OutputStream.nullOutputStream()), exported, HeapReserve.forThisJvm(() -> { }));
        run("int scale = 3;");
        run("record Ride(String region, double km) {}");
        run("int twice(int x) { return 2 * x; }");
        run("int scaled(int x) { return x * scale; }");
        // Serializable, as Spark's function interfaces are, so the lambdas can be shipped like Spark does.
        run("java.util.function.IntUnaryOperator byScale = (java.util.function.IntUnaryOperator & java.io.Serializable) x -> x * scale;");
        run("java.util.function.IntUnaryOperator byTwice = (java.util.function.IntUnaryOperator & java.io.Serializable) x -> twice(x);");
        run("void quit() { System.exit(5); }");
        executor = new URLClassLoader(new URL[] {exported.toUri().toURL()}, ExecutorClassExportTest.class.getClassLoader());
    }

    @AfterAll
    static void close() throws IOException {
        executor.close();
        evaluator.close();
    }

    private static void run(String code) {
        evaluator.evaluate(new CellSource(code, ++cells));
    }

    @Test
    void classFilesAreNamedAfterTheirBinaryNames() throws IOException {
        List<String> files = exportedFiles();

        assertThat(files).isNotEmpty().allMatch(f -> f.matches("REPL/\\$JShell\\$\\d+[A-Z]*(\\$\\w+)?\\.class"));
        String ride = files.stream().filter(f -> f.endsWith("$Ride.class")).findFirst().orElseThrow();
        // The record is nested in its snippet's wrapper, and both are there.
        assertThat(files).contains(ride.replace("$Ride.class", ".class"));
    }

    @Test
    void recordsLoadAndWorkOnAnExecutor() throws Exception {
        String file = exportedFiles().stream().filter(f -> f.endsWith("$Ride.class")).findFirst().orElseThrow();
        Class<?> ride = executor.loadClass(file.replace('/', '.').replace(".class", ""));

        assertThat(ride.getClassLoader()).isSameAs(executor);
        assertThat(ride.isRecord()).isTrue();
        Object trip = ride.getDeclaredConstructor(String.class, double.class).newInstance("north", 2.5);
        RecordComponent km = ride.getRecordComponents()[1];
        assertThat(km.getAccessor().invoke(trip)).isEqualTo(2.5);
        assertThat(trip).hasToString("Ride[region=north, km=2.5]");
    }

    @Test
    void topLevelMethodsRunOnAnExecutor() throws Exception {
        Method twice = methodOnExecutor("twice");

        assertThat(twice.getDeclaringClass().getClassLoader()).isSameAs(executor);
        assertThat(twice.invoke(null, 21)).isEqualTo(42);
    }

    @Test
    void readingANotebookVariableOnAnExecutorAsksTheKernelWhichAnswersWithItsValue() throws Exception {
        Method scaled = methodOnExecutor("scaled");

        Throwable thrown = catchThrowable(() -> scaled.invoke(null, 2));

        // Outside a Spark task the question cannot be sent; its message names what would have been asked.
        assertThat(thrown).isInstanceOf(InvocationTargetException.class);
        assertThat(thrown.getCause()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("notebook variable 'scale' (REPL.$JShell$");
        String wrapper = thrown.getCause().getMessage().replaceFirst("^[^(]*\\(([^)]*)\\).*$", "$1");
        assertThat(evaluator.readVariable(wrapper, "scale")).isEqualTo(3);
        // The kernel keeps its real classes, where the variable is set.
        assertThat(evaluator.evaluate(new CellSource("scaled(2)", ++cells))).contains(6);
    }

    @Test
    void onlyVariablesThatShippedCodeReadsAreAnswered() throws Exception {
        run("String password = \"hunter2\";");
        run("password.length()");
        List<String> wrappers;
        try (Stream<Path> files = Files.list(exported.resolve("REPL"))) {
            wrappers = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\$JShell\\$\\d+[A-Z]*\\.class"))
                    .map(n -> "REPL." + n.substring(0, n.length() - ".class".length())).toList();
        }
        // A cell's own statements run in the kernel only: reading a variable there ships nothing that needs it.
        assertThat(wrappers).isNotEmpty().allSatisfy(wrapper ->
                assertThat(catchThrowable(() -> evaluator.readVariable(wrapper, "password"))).isInstanceOf(NoSuchFieldException.class));
        assertThat(wrappers).anySatisfy(wrapper -> assertThat(catchThrowable(() -> evaluator.readVariable(wrapper, "password")))
                .hasMessageContaining("read by no code shipped to executors"));
    }

    @Test
    void onlyNotebookVariablesCanBeRead() {
        assertThat(catchThrowable(() -> evaluator.readVariable("java.lang.System", "out")))
                .isInstanceOf(ClassNotFoundException.class).hasMessageContaining("not a class of notebook variables");
        // Refused before the class is even looked up: no shipped code reads it.
        assertThat(catchThrowable(() -> evaluator.readVariable("REPL.$JShell$999999", "scale")))
                .isInstanceOf(NoSuchFieldException.class).hasMessageContaining("read by no code shipped to executors");
    }

    @Test
    void shippedLambdasRunOnAnExecutorAndTheirVariableReadsGoToTheKernel() throws Exception {
        IntUnaryOperator byTwice = shipToExecutor(evaluator.lookup("byTwice").orElseThrow());
        IntUnaryOperator byScale = shipToExecutor(evaluator.lookup("byScale").orElseThrow());

        assertThat(byTwice.getClass().getClassLoader()).isSameAs(executor);
        assertThat(byTwice.applyAsInt(21)).isEqualTo(42);
        assertThat(catchThrowable(() -> byScale.applyAsInt(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("notebook variable 'scale' (REPL.$JShell$");
        assertThat(((IntUnaryOperator) evaluator.lookup("byScale").orElseThrow()).applyAsInt(2)).isEqualTo(6);
    }

    @Test
    void exportedCopiesKeepJShellsExitCalls() throws Exception {
        // Executors do not have the kernel's CellExit; only the kernel's own classes are guarded.
        Class<?> wrapper = methodOnExecutor("quit").getDeclaringClass();
        String bytes = new String(Files.readAllBytes(exported.resolve(wrapper.getName().replace('.', '/') + ".class")),
                StandardCharsets.ISO_8859_1);

        assertThat(bytes).contains("java/lang/System").doesNotContain("CellExit");
    }

    private static List<String> exportedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(exported)) {
            return files.filter(Files::isRegularFile).map(f -> exported.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** The exported wrapper class (loaded on the "executor") that declares the top-level method {@code name}. */
    private static Method methodOnExecutor(String name) throws Exception {
        for (String file : exportedFiles()) {
            String className = file.replace('/', '.').replace(".class", "");
            if (!ExecutorVariableRewriter.isWrapper(className.replace('.', '/'))) {
                continue;
            }
            Class<?> wrapper = executor.loadClass(className);
            var method = Arrays.stream(wrapper.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst();
            if (method.isPresent()) {
                // JShell's wrapper classes are package-private.
                method.get().setAccessible(true);
                return method.get();
            }
        }
        throw new AssertionError("no exported wrapper declares " + name);
    }

    /** Serializes in the kernel and deserializes with the executor's loader, as Spark ships a task's closure. */
    private static IntUnaryOperator shipToExecutor(Object lambda) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(lambda);
        }
        try (ObjectInputStream in = new ExecutorObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (IntUnaryOperator) in.readObject();
        }
    }

    private static final class ExecutorObjectInputStream extends ObjectInputStream {
        ExecutorObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
            return Class.forName(desc.getName(), false, executor);
        }
    }
}
