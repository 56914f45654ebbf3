package io.kindling.kernel.session;

import io.kindling.magics.config.UserHome;
import io.kindling.kernel.Env;
import io.kindling.kernel.jshell.CellSource;
import io.kindling.kernel.jshell.JavaCodeAssist;
import io.kindling.kernel.jshell.JavaEvaluator;
import io.kindling.kernel.memory.HeapReserve;
import io.kindling.kernel.magic.CellRunner;
import io.kindling.kernel.magic.ClasspathMagic;
import io.kindling.kernel.magic.LsMagic;
import io.kindling.kernel.magic.MagicRegistry;
import io.kindling.kernel.magic.MavenMagic;
import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.fsql.FsqlMagic;
import io.kindling.magics.fsql.FsqlSessions;
import io.kindling.magics.fsql.YieldFiles;
import io.kindling.magics.hive.HiveCatalog;
import io.kindling.magics.hive.HiveMagic;
import io.kindling.magics.hive.HiveOutputs;
import io.kindling.magics.hive.HiveProfiles;
import io.kindling.magics.hive.LocalMetastore;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.presto.PrestoLineMagic;
import io.kindling.magics.presto.PrestoMagic;
import io.kindling.magics.presto.PrestoSession;
import io.kindling.magics.spark.KernelIdentity;
import io.kindling.magics.spark.ReplShipping;
import io.kindling.magics.spark.SparkCluster;
import io.kindling.magics.spark.NotebookSpark;
import io.kindling.magics.spark.SparkClusters;
import io.kindling.magics.spark.SparkDefaults;
import io.kindling.magics.table.NotebookTables;
import io.kindling.magics.table.TablesMagic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The composition root: the one place that knows every engine. It starts JShell, creates the engines
 * and the notebook's tables, registers the magics and binds the notebook's variables ({@code Spark}).
 */
public final class KernelAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(KernelAssembly.class);
    /** The notebook variable that starts clusters: {@code Spark.kubernetes()...start()}. */
    static final String SPARK_VARIABLE = "Spark";

    /** Imports every cell starts with, so notebooks carry no boilerplate. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import org.dflib.*;",
            // On demand, not by name: a named import makes javac read Dataset's huge class file for every
            // cell (+16 ms per cell); none of the package's names clash with the imports above.
            "import org.apache.spark.sql.*;",
            "import org.apache.spark.api.java.function.MapFunction;",
            "import org.apache.spark.api.java.function.FilterFunction;",
            "import org.apache.spark.api.java.function.FlatMapFunction;",
            "import org.apache.spark.api.java.function.MapGroupsFunction;",
            "import org.apache.spark.api.java.function.FlatMapGroupsFunction;",
            "import org.apache.spark.api.java.function.ForeachFunction;",
            "import org.apache.spark.api.java.function.ReduceFunction;",
            "import io.kindling.magics.spark.SparkCluster;",
            // ds.map(mapFunction(i -> i * i), ...) instead of a cast: a bare lambda is ambiguous in Spark's API.
            "import static io.kindling.magics.spark.SparkLambdas.*;",
            // transform(rides, Ride.class, Prediction.class, rs -> predict(rs), partitionBy("region")) and its options.
            "import static io.kindling.magics.transform.Transforms.*;",
            // GroupFunction<List<Ride>, List<Scored>> score = ...: a function variable that %%fsql TRANSFORM ... USING calls.
            "import io.kindling.magics.transform.GroupFunction;",
            "import io.kindling.magics.transform.ParamGroupFunction;",
            "import io.kindling.magics.transform.GroupAction;",
            "import io.kindling.magics.transform.ParamGroupAction;",
            // chart(top).bar("subscenario", "n"): Vega-Lite and an SVG of any notebook table.
            "import static io.kindling.magics.chart.Charts.*;",
            "import static io.kindling.kernel.notebook.Notebook.*;");

    private KernelAssembly() {
    }

    /**
     * Starts JShell and everything around it; takes about a second, so the kernel runs it off the
     * protocol threads.
     *
     * @param classPath   what cells compile against
     * @param diagnostics where JShell's own console messages go
     * @param reserve     the heap held back for the kernel, spent when a cell runs out of memory
     * @param awaited     whether a request already waits for the session: then it warms JShell up itself, and a
     *                    warm-up cell would only delay it
     */
    public static KernelSession start(String classPath, PrintStream diagnostics, HeapReserve reserve, BooleanSupplier awaited) {
        requireNonNull(awaited, "awaited is null");
        long began = System.nanoTime();
        KernelIdentity identity = KernelIdentity.ofThisProcess(System.getProperty("user.name", "kindling"));
        KernelDirectories directories = KernelDirectories.of(identity);
        // Created before the first cell, so classes from cells run before a Spark session exists are there too.
        Path replClasses = directories.create("kindling-repl-classes-");
        JavaEvaluator evaluator = JavaEvaluator.start(classPath, DEFAULT_IMPORTS, diagnostics, replClasses, reserve);
        // Each on its own: one that does not compile must not take the defaults with it.
        for (String extra : extraImports()) {
            evaluator.evaluate(new CellSource(extra, 0));
        }
        long jshellReady = System.nanoTime();
        List<Path> addedJars = new CopyOnWriteArrayList<>();
        // The home local/hive/metastore.sh and the kernelspec installer see: one metastore, one profiles file.
        Path home = UserHome.of(System.getenv());
        LocalMetastore metastore = LocalMetastore.of(System.getenv(), home);
        ProfilesFile profiles = ProfilesFile.of(System.getenv(), home);
        Supplier<HiveProfiles> hiveProfiles = () -> HiveProfiles.load(profiles);
        HiveCatalog hiveCatalog = new HiveCatalog(hiveProfiles, metastore);
        SparkClusters spark = new SparkClusters(SparkDefaults.lazy(System.getenv(), home),
                identity,
                new ReplShipping(replClasses, () -> addedJars, evaluator::readVariable), Thread.currentThread().getThreadGroup(),
                directories.create("kindling-spark-work-"),
                SparkClusters.kubeconfigClients(), hiveCatalog);
        HiveOutputs hiveOutputs = new HiveOutputs(directories.create("kindling-hive-output-"), metastore.home().resolve("outputs"));
        // Results are deleted after the clusters that may still write them are gone.
        Engines engines = new Engines(List.of(spark, hiveOutputs));
        // Executors must not outlive the kernel, however it ends short of kill -9 (the reaper covers that).
        Runtime.getRuntime().addShutdownHook(new Thread(engines::shutdown, "kindling-engines-release"));
        Consumer<Path> classpath = path -> {
            evaluator.addToClasspath(path.toString());
            if (path.toString().endsWith(".jar")) {
                addedJars.add(path);
                engines.jarAdded(path);
            }
        };
        NotebookTables tables = new NotebookTables(Clock.systemUTC());
        PrestoSession presto = PrestoSession.fromProcess();
        long prestoMaxRows = Optional.ofNullable(System.getenv(Env.PRESTO_MAX_ROWS))
                .map(v -> Env.parseSize(Env.PRESTO_MAX_ROWS, v)).orElse(PrestoMagic.DEFAULT_MAX_ROWS);
        PrestoMagic prestoMagic = new PrestoMagic(presto, tables, prestoMaxRows);
        Path fsqlOutputs = directories.create("kindling-fsql-output-");
        MagicRegistry magics = new MagicRegistry();
        magics.register(new LsMagic(magics::specs))
                .register(new ClasspathMagic("classpath", classpath))
                .register(new ClasspathMagic("jars", classpath))
                .register(MavenMagic.standard(classpath, evaluator::addSources))
                .register(new TablesMagic(tables))
                .register(prestoMagic)
                .register(new PrestoLineMagic(presto))
                .register(new HiveMagic(spark, hiveCatalog, hiveProfiles, tables, hiveOutputs, prestoMaxRows, System.getenv()))
                // The notebook's session: the open cluster's, else local Spark, which shares the Hive catalog of %%hive;
                // Trino tables (presto.catalog.schema.table) are read through the %%presto engine.
                .register(new FsqlMagic(FsqlSessions.of(spark::session, () -> spark.active().map(SparkCluster::session)), tables,
                        new YieldFiles(fsqlOutputs, new HiveClusterOutputs(hiveProfiles, hiveOutputs, fsqlOutputs)),
                        prestoMaxRows, prestoMagic::fetch));
        JavaCodeAssist codeAssist = new JavaCodeAssist(evaluator);
        KernelSession session = new KernelSession(evaluator, codeAssist, new CellRunner(evaluator, magics), magics,
                engines, tables);
        // Typed as what cells call, so completion on 'Spark.' lists no kernel wiring.
        evaluator.bind(SPARK_VARIABLE, spark, NotebookSpark.class);
        long enginesReady = System.nanoTime();
        boolean warmed = warmUp(evaluator, codeAssist, awaited);
        long ready = System.nanoTime();
        LOG.info("Session ready in {} ms: JShell and its imports {} ms, engines {} ms, warm-up {}", millis(ready - began),
                millis(jshellReady - began), millis(enginesReady - jshellReady),
                warmed ? millis(ready - enginesReady) + " ms" : "cut short, a request was waiting");
        reapOrphansInBackground(spark, directories);
        return session;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Imports the environment adds to the defaults ({@code KINDLING_IMPORTS}, {@code ;}-separated). */
    private static List<String> extraImports() {
        return Optional.ofNullable(System.getenv(Env.STARTUP_IMPORTS)).stream()
                .flatMap(extra -> Arrays.stream(extra.split(";")))
                .map(String::strip).filter(s -> !s.isEmpty())
                .map(i -> i.startsWith("import ") ? i + ";" : "import " + i + ";")
                .toList();
    }

    /**
     * Deletes what killed kernels of this user left behind: their temporary directories, then their executor
     * pods. Slow API servers must not delay start.
     */
    private static void reapOrphansInBackground(SparkClusters spark, KernelDirectories directories) {
        Thread reaper = new Thread(() -> {
            List<Path> directoriesReaped = directories.reapDead();
            if (!directoriesReaped.isEmpty()) {
                LOG.info("Deleted {} temporary directories left by dead kernels", directoriesReaped.size());
            }
            try {
                Set<String> reaped = spark.reapOrphans();
                if (!reaped.isEmpty()) {
                    LOG.warn("Deleted executor pods left by dead kernels {}", reaped);
                }
            } catch (MagicError e) {
                // A bad spark: section: the cells that use Spark say so, with the file's line.
                LOG.warn("Could not look for executor pods of dead kernels: {}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Could not look for executor pods of dead kernels", e);
            }
        }, "kindling-orphan-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    /**
     * Runs a cell, a completion and a readiness check, so the user's first ones find their code compiled; stops
     * as soon as a request waits, which pays that cost itself. Whether it ran to the end.
     */
    private static boolean warmUp(JavaEvaluator evaluator, JavaCodeAssist codeAssist, BooleanSupplier awaited) {
        List<Runnable> steps = List.of(
                () -> evaluator.evaluate(new CellSource("if (true) { }", 0)),
                () -> codeAssist.complete("Math.ma", 7),
                () -> codeAssist.readiness("int x = 1;"));
        for (Runnable step : steps) {
            if (awaited.getAsBoolean()) {
                return false;
            }
            step.run();
        }
        return true;
    }
}
