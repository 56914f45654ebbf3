package io.kindling.kernel.protocol;

import io.kindling.kernel.jshell.CellSource;
import io.kindling.kernel.jshell.JavaCodeAssist;
import io.kindling.kernel.jshell.JavaEvaluator;
import io.kindling.kernel.magic.CellRunner;
import io.kindling.kernel.magic.ClasspathMagic;
import io.kindling.kernel.magic.LsMagic;
import io.kindling.kernel.magic.MagicRegistry;
import io.kindling.kernel.magic.MavenMagic;

import io.kindling.kernel.Env;
import io.kindling.magics.presto.PrestoLineMagic;
import io.kindling.magics.presto.PrestoMagic;
import io.kindling.magics.presto.PrestoSession;

import io.kindling.magics.spark.KernelIdentity;
import io.kindling.magics.spark.ReplShipping;
import io.kindling.magics.spark.SparkClusters;
import io.kindling.magics.spark.SparkDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/** The language side of one kernel run: JShell, its code assistance, the magics, the cell runner and Spark. */
record KernelSession(JavaEvaluator evaluator, CellRunner runner, CodeAssistReplies assist, MagicRegistry magics,
                     SparkClusters spark) {
    private static final Logger LOG = LoggerFactory.getLogger(KernelSession.class);
    /** The notebook variable that starts clusters: {@code Spark.kubernetes()...start()}. */
    static final String SPARK_VARIABLE = "Spark";

    KernelSession {
        requireNonNull(evaluator, "evaluator is null");
        requireNonNull(runner, "runner is null");
        requireNonNull(assist, "assist is null");
        requireNonNull(magics, "magics is null");
        requireNonNull(spark, "spark is null");
    }

    /** Starts JShell and registers the built-in magics; takes about a second, so it runs off the protocol threads. */
    static KernelSession start(String classPath, List<String> startup, PrintStream diagnostics) {
        // Created before the first cell, so classes from cells run before a Spark session exists are there too.
        Path replClasses = temporaryDirectory("kindling-repl-classes-");
        JavaEvaluator evaluator = JavaEvaluator.start(classPath, startup, diagnostics, replClasses);
        List<Path> addedJars = new CopyOnWriteArrayList<>();
        SparkClusters spark = new SparkClusters(SparkDefaults.lazy(System.getenv(), Path.of(System.getProperty("user.home"))),
                KernelIdentity.ofThisProcess(System.getProperty("user.name", "kindling")),
                new ReplShipping(replClasses, () -> addedJars, evaluator::readVariable), Thread.currentThread().getThreadGroup(),
                temporaryDirectory("kindling-spark-work-"),
                SparkClusters.kubeconfigClients());
        // Executors must not outlive the kernel, however it ends short of kill -9 (the reaper covers that).
        Runtime.getRuntime().addShutdownHook(new Thread(spark::close, "kindling-spark-release"));
        Consumer<Path> classpath = path -> {
            evaluator.addToClasspath(path.toString());
            if (path.toString().endsWith(".jar")) {
                addedJars.add(path);
                spark.jarAdded(path);
            }
        };
        PrestoSession presto = PrestoSession.fromProcess();
        long prestoMaxRows = Optional.ofNullable(System.getenv(Env.PRESTO_MAX_ROWS))
                .map(v -> Env.parseSize(Env.PRESTO_MAX_ROWS, v)).orElse(PrestoMagic.DEFAULT_MAX_ROWS);
        MagicRegistry magics = new MagicRegistry();
        magics.register(new LsMagic(magics::specs))
                .register(new ClasspathMagic("classpath", classpath))
                .register(new ClasspathMagic("jars", classpath))
                .register(MavenMagic.standard(classpath))
                .register(new PrestoMagic(presto, prestoMaxRows))
                .register(new PrestoLineMagic(presto));
        KernelSession session = new KernelSession(evaluator, new CellRunner(evaluator, magics),
                new CodeAssistReplies(new JavaCodeAssist(evaluator), magics), magics, spark);
        evaluator.bind(SPARK_VARIABLE, spark, SparkClusters.class);
        session.warmUp();
        reapOrphansInBackground(spark);
        return session;
    }

    /** Deletes executor pods a killed kernel of this user left behind; slow API servers must not delay start. */
    private static void reapOrphansInBackground(SparkClusters spark) {
        Thread reaper = new Thread(() -> {
            try {
                Set<String> reaped = spark.reapOrphans();
                if (!reaped.isEmpty()) {
                    LOG.warn("Deleted executor pods left by dead kernels {}", reaped);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not look for executor pods of dead kernels", e);
            }
        }, "kindling-orphan-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    /** A directory of this kernel run (cell classes, generated pod templates), deleted when the JVM exits. */
    private static Path temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory), prefix + "cleanup"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory " + prefix + "*", e);
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            // Deepest first, so each directory is empty when its turn comes.
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at exit: a leftover temporary directory is harmless.
        }
    }

    /** Compiles and runs one throwaway snippet so the user's first cell does not pay for javac's warm-up. */
    private void warmUp() {
        evaluator.evaluate(new CellSource("if (true) { }", 0));
        assist.complete("Math.ma", 7);
        assist.isComplete("int x = 1;");
    }
}
