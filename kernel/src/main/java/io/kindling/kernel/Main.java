package io.kindling.kernel;

import io.kindling.kernel.history.SessionHistory;
import io.kindling.kernel.io.CellOutput;
import io.kindling.kernel.io.FrontendInput;
import io.kindling.kernel.io.StreamName;
import io.kindling.kernel.memory.HeapReserve;
import io.kindling.kernel.protocol.KindlingKernel;
import io.kindling.kernel.session.KernelAssembly;
import io.kindling.kernel.protocol.KernelConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Starts the kernel for one Jupyter connection file: {@code java ... io.kindling.kernel.Main <connection.json>}.
 */
public final class Main {
    private static final long DEFAULT_MAX_CELL_OUTPUT = 2L * 1024 * 1024;

    /** Runs start-up and a first cell, then exits: the installer records the classes this loads (CDS). */
    public static final String WARM_UP = "--warm-up";

    /** How long shutdown hooks (cluster release) may run after an exit was asked for, before the JVM halts. */
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);
    /** The thread group every cell runs in (JShell's wrapper threads and the threads cells start). */
    private static final String CELL_THREAD_GROUP = "kindling-cell";

    private Main() {
    }

    /**
     * Any thread that dies of a full heap spends the kernel's reserve first, so the others go on. A
     * thread a cell started is reported as the JVM does, in the cell's output; the kernel's own go to its log.
     */
    private static void uncaught(HeapReserve reserve, Logger log, Thread thread, Throwable thrown) {
        if (HeapReserve.meansFullHeap(thrown)) {
            reserve.outOfMemory();
        }
        if (thrown instanceof ThreadDeath) {
            return;
        }
        ThreadGroup group = thread.getThreadGroup();
        if (group != null && group.getName().equals(CELL_THREAD_GROUP)) {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            thrown.printStackTrace(System.err);
        } else {
            log.error("Kernel thread {} failed", thread.getName(), thrown);
        }
    }

    private static void warmUp() {
        System.setProperty("kindling.log.file", Path.of(System.getProperty("java.io.tmpdir"), "kindling-warm-up.log").toString());
        HeapReserve reserve = HeapReserve.forThisJvm(() -> Runtime.getRuntime().halt(3));
        KindlingKernel kernel = KindlingKernel.start(new CellOutput(DEFAULT_MAX_CELL_OUTPUT), new SessionHistory(),
                // Nothing waits: the whole warm-up runs, so its classes are archived too.
                awaited -> KernelAssembly.start(System.getProperty("java.class.path"), System.err, reserve, () -> false));
        kernel.evalRaw("1 + 1");
        kernel.complete("Math.ma", 7);
        // The protocol side (ZeroMQ, JJava's messages) needs a frontend to run; loading its classes is enough.
        loadClassesOf(List.of("jjava-jupyter-", "jeromq-", "jnacl-", "gson-", "kindling-kernel-", "kindling-magics-"));
        // Exiting is what writes the class archive (-XX:ArchiveClassesAtExit).
        System.exit(0);
    }

    private static void loadClassesOf(List<String> jarPrefixes) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String jarName = Path.of(entry).getFileName().toString();
            if (jarPrefixes.stream().noneMatch(jarName::startsWith)) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                jar.stream().map(JarEntry::getName)
                        .filter(n -> n.endsWith(".class") && !n.contains("module-info") && !n.startsWith("META-INF"))
                        .forEach(n -> {
                            try {
                                Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, Main.class.getClassLoader());
                            } catch (Throwable e) {
                                // Optional dependencies of a library may be missing: such a class is simply not archived.
                            }
                        });
            } catch (IOException e) {
                // An unreadable jar is not archived; the kernel loads it as usual.
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(WARM_UP)) {
            warmUp();
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: io.kindling.kernel.Main <jupyter-connection-file.json>");
            System.exit(2);
        }
        Path logDir = Path.of(Optional.ofNullable(System.getenv(Env.LOG_DIR)).orElse(System.getProperty("java.io.tmpdir")));
        System.setProperty("kindling.log.file", logDir.resolve("kindling-kernel-" + ProcessHandle.current().pid() + ".log").toString());
        long maxOutput = Optional.ofNullable(System.getenv(Env.MAX_CELL_OUTPUT))
                .map(v -> Env.parseSize(Env.MAX_CELL_OUTPUT, v)).orElse(DEFAULT_MAX_CELL_OUTPUT);

        // SLF4J reports its own warnings on System.err, which is the cells' output from here on: the session thread
        // and this one both start logging, and SLF4J's note about loggers used while it started would open the
        // first cell's output. Its errors still show.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        // Cells print through System.out/err; the kernel's own diagnostics go to the log.
        PrintStream kernelErr = System.err;
        CellOutput output = new CellOutput(maxOutput);
        System.setOut(output.printStream(StreamName.STDOUT));
        System.setErr(output.printStream(StreamName.STDERR));

        // The session (JShell, javac, the imports) is what the first cell waits for: it starts before the logging
        // and the protocol, which take over a second between them, so the two cores share the work.
        KernelExit exit = new KernelExit(() -> LoggerFactory.getLogger(Main.class), EXIT_DEADLINE);
        HeapReserve reserve = HeapReserve.forThisJvm(() -> exit.exit(3,
                "the heap is full and the memory the kernel held back is spent; restart the kernel"));
        KindlingKernel kernel = KindlingKernel.start(output, new SessionHistory(),
                awaited -> KernelAssembly.start(System.getProperty("java.class.path"), kernelErr, reserve, awaited));

        Logger log = LoggerFactory.getLogger(Main.class);
        Thread.setDefaultUncaughtExceptionHandler((thread, thrown) -> uncaught(reserve, log, thread, thrown));
        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        System.setIn(new FrontendInput(kernel::stdinSource));
        Signal.handle(new Signal("INT"), signal -> kernel.interrupt());

        ParentWatch.forThisProcess(Optional.ofNullable(System.getenv(Env.PARENT_PID))).ifPresent(watch ->
                watch.onDeath(() -> exit.exit(1, "the Jupyter process that started this kernel is gone")));

        KernelConnection jupyter = new KernelConnection(connection);
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        log.info("Kindling kernel ready on {}", args[0]);
        jupyter.waitUntilClose();
        log.info("Kindling kernel shut down");
        // Threads a notebook left running must not keep the process alive after shutdown.
        System.exit(0);
    }
}
