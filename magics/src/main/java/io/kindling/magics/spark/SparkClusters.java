package io.kindling.magics.spark;

import io.kindling.magics.magic.ErrorName;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kindling.magics.config.Settings;
import io.kindling.magics.magic.Cancellation;
import io.kindling.magics.magic.EngineLifecycle;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.table.CollectedTable;
import io.kindling.magics.table.RecordRows;
import io.kindling.magics.table.SparkTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The notebook's Spark: bound in every notebook as {@code Spark}, typed as {@link NotebookSpark} (what cells call). It starts ephemeral clusters that
 * live for one {@code try} block, and a local session the SQL magics use when no cluster runs.
 * One Spark context can run per JVM, so at most one cluster runs at a time; starting one stops the
 * idle local session first.
 * <pre>{@code
 * try (var cluster = Spark.kubernetes().executors(8).cores(2).memory("4g").start()) {
 *     var spark = cluster.session();
 *     spark.range(1_000).map((MapFunction<Long, Long>) i -> i * i, Encoders.LONG()).count();
 * }
 * Spark.session().sql("SELECT 1").show();   // local Spark in the kernel's JVM
 * }</pre>
 */
public final class SparkClusters implements NotebookSpark, EngineLifecycle {
    private final Supplier<SparkDefaults> defaults;
    private final KernelIdentity kernel;
    private final ReplShipping shipping;
    private final SparkThread lifecycle;
    private final ThreadGroup kernelThreads;
    private final Path workDir;
    private final Function<String, KubernetesClient> clients;
    private final SessionSettings sessionSettings;
    private final JobProgress progress = new JobProgress();
    private final Object lock = new Object();
    /** Where the running cell's output goes, for what a cluster shows when it ends in that cell. */
    private final AtomicReference<java.io.PrintStream> cellOutput = new AtomicReference<>();
    /**
     * The running cluster and the local session. Set under {@code lock}, which a starting cell holds while the
     * kernel's thread starts Spark; cleared without it (see {@link #closed}), since a start that fails closes
     * its cluster on that thread, which must not wait for the lock the cell holds.
     */
    private final AtomicReference<SparkCluster> active = new AtomicReference<>();
    private final AtomicReference<SparkCluster> notebookSession = new AtomicReference<>();

    /**
     * @param defaults      read on every use ({@code local()}, {@code kubernetes()}, {@code session()},
     *                      {@code reapOrphans()}), not here: a mistake in the profiles file must fail the cells
     *                      that use Spark, not the kernel's start, and a fix must apply to the next cell
     * @param kernelThreads the kernel's own thread group: Spark's threads are started there, out of reach
     *                      of a cell interrupt
     * @param workDir       where generated files go (pod templates)
     * @param clients       opens a Kubernetes client for an API server URL
     * @param sessionSettings settings every session starts with, e.g. the Hive catalog's
     */
    public SparkClusters(Supplier<SparkDefaults> defaults, KernelIdentity kernel, ReplShipping shipping, ThreadGroup kernelThreads,
                         Path workDir, Function<String, KubernetesClient> clients, SessionSettings sessionSettings) {
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.kernel = requireNonNull(kernel, "kernel is null");
        this.shipping = requireNonNull(shipping, "shipping is null");
        this.lifecycle = new SparkThread(requireNonNull(kernelThreads, "kernelThreads is null"));
        this.kernelThreads = kernelThreads;
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.sessionSettings = requireNonNull(sessionSettings, "sessionSettings is null");
    }

    /** Clients that authenticate as {@code kubectl} would: kubeconfig, or the pod's service account. */
    public static Function<String, KubernetesClient> kubeconfigClients() {
        return url -> {
            Config config = new ConfigBuilder(Config.autoConfigure(null)).withMasterUrl(url)
                    .withConnectionTimeout(10_000).withRequestTimeout(30_000)
                    // Plain http means a proxy or a test server, which may not speak HTTP/2 without TLS.
                    .withHttp2Disable(url.startsWith("http://")).build();
            return new KubernetesClientBuilder().withConfig(config).build();
        };
    }

    /** Spark in the kernel's JVM. */
    @Override
    public LocalClusterBuilder local() {
        return new LocalClusterBuilder(defaults.get(), builder -> startExclusive(() -> startLocal(builder), false, "local Spark", 0));
    }

    /** An ephemeral cluster of executor pods; unset settings come from the profiles file. */
    @Override
    public KubernetesClusterBuilder kubernetes() {
        KubernetesClusterStarter starter = new KubernetesClusterStarter(kernel, shipping, lifecycle, workDir, clients, sessionSettings);
        // The whole start runs on the kernel's thread: the Kubernetes client it opens is used again to release
        // the pods, also after an interrupt and at shutdown, so none of its threads may belong to the cell.
        return new KubernetesClusterBuilder(defaults.get().kubernetes(), spec -> startExclusive(() -> lifecycle.call(
                Thread.currentThread().getContextClassLoader(), () -> starter.start(spec, this::closed), SparkCluster::close), false,
                "Spark on Kubernetes", spec.get(KubernetesSettings.EXECUTORS)));
    }

    /** The running cluster's session, or else the notebook's local session (started on first use). */
    @Override
    public SparkSession session() {
        synchronized (lock) {
            SparkCluster running = active.get();
            if (running != null) {
                return running.session();
            }
            if (notebookSession.get() == null) {
                notebookSession.set(startExclusive(() -> startLocal(local()), true, "local Spark", 0));
            }
            return notebookSession.get().session();
        }
    }

    /**
     * A DataFrame of records on the notebook's session; Spark's own bean encoder cannot read records.
     * <pre>{@code
     * record Ride(String region, double km) {}
     * Spark.dataFrame(List.of(new Ride("north", 4.2), new Ride("south", 9.8))).groupBy("region").sum("km").show();
     * }</pre>
     */
    @Override
    public <R extends Record> Dataset<Row> dataFrame(List<R> records) {
        return RecordRows.dataFrame(session(), records);
    }

    /**
     * A DFLib table as a Spark DataFrame on the notebook's session, each column typed from its values
     * (see {@link SparkTables}).
     * <pre>{@code
     * DataFrame top = DataFrame.foldByRow("region", "km").of("north", 4.2, "south", 9.8);
     * Spark.dataFrame(top).groupBy("region").sum("km").show();
     * }</pre>
     */
    @Override
    public Dataset<Row> dataFrame(DataFrame frame) {
        return SparkTables.toSpark(session(), frame);
    }

    /**
     * At most {@code limit} rows of a Spark DataFrame as a DFLib table, with Java values ({@code java.time},
     * {@code List}, {@code Map}, {@link io.kindling.magics.table.Struct}); says on standard error when rows
     * were left behind.
     * <pre>{@code
     * DataFrame sums = Spark.toLocal(Spark.session().sql("SELECT region, sum(km) FROM rides GROUP BY region"), 10_000);
     * }</pre>
     */
    @Override
    public DataFrame toLocal(Dataset<Row> frame, long limit) {
        CollectedTable collected = SparkTables.toLocal(frame, limit);
        if (collected.truncated()) {
            // The cell's standard error is the notebook: a silently short table would pass for the whole result.
            System.err.println("first " + limit + " rows only: the Spark DataFrame has more");
        }
        return collected.dataFrame();
    }

    /** Collects a DataFrame as records of {@code type}, matching columns to components by name. */
    @Override
    public <R extends Record> List<R> records(Dataset<Row> frame, Class<R> type) {
        return RecordRows.toRecords(frame.collectAsList(), type);
    }

    /** The session cells run on now, without starting one: the running cluster's, else the local one if started. */
    @Override
    public Optional<SparkSession> running() {
        synchronized (lock) {
            SparkCluster cluster = current();
            return cluster == null || cluster.isClosed() ? Optional.empty() : Optional.of(cluster.session());
        }
    }

    /** The cluster started with {@code start()} and not closed yet. */
    @Override
    public Optional<SparkCluster> active() {
        synchronized (lock) {
            return Optional.ofNullable(active.get());
        }
    }

    /** A cell's Spark jobs show progress in the cell, and an interrupt cancels them. */
    @Override
    public CellAttachment cellStarted(MagicContext cell) {
        progress.attach(cell::liveDisplay, cell::nameCellCode);
        cellOutput.set(cell.out());
        SparkCluster openBefore = active.get();
        AtomicBoolean interrupted = new AtomicBoolean();
        Cancellation.Registration registration = cell.cancellation().onCancel(() -> {
            interrupted.set(true);
            progress.cancelAll();
        });
        return () -> {
            registration.close();
            releaseIfAbandoned(openBefore, interrupted.get());
            progress.detach();
            cellOutput.set(null);
        };
    }

    /**
     * A cluster that an interrupted cell started and left open is released: the interrupt may have come as
     * {@code start()} returned, before the cell's {@code try} could hold it, and nothing else would close it.
     */
    private void releaseIfAbandoned(SparkCluster openBefore, boolean interrupted) {
        SparkCluster open = active.get();
        if (interrupted && open != null && open != openBefore) {
            Optional.ofNullable(cellOutput.get()).orElse(System.out)
                    .println("Releasing " + open + ": the cell that started it was interrupted");
            open.close();
        }
    }

    /** A jar added to the notebook reaches the executors of a running cluster too. */
    @Override
    public void jarAdded(Path jar) {
        synchronized (lock) {
            SparkCluster running = current();
            if (running != null && !running.isClosed()) {
                running.session().sparkContext().addJar(jar.toAbsolutePath().toUri().toString());
            }
        }
    }

    /**
     * Deletes executor pods of this user's kernels on this host that died without closing their
     * cluster; does nothing when no Kubernetes API server is configured. Reads the profiles file, so it
     * fails ({@code BAD_PROFILE}) when the {@code spark:} section is wrong; the kernel logs that and goes on.
     *
     * @return the ids of the dead kernels whose pods were deleted
     */
    public Set<String> reapOrphans() {
        Settings settings = defaults.get().kubernetes();
        Optional<String> master = settings.find(KubernetesSettings.MASTER);
        if (master.isEmpty()) {
            return Set.of();
        }
        try (KubernetesClient client = clients.apply(master.get().substring("k8s://".length()))) {
            return new OrphanPodReaper(kernel).reap(client, settings.get(KubernetesSettings.NAMESPACE));
        }
    }

    /** Stops whatever runs, waiting until its executors are gone: at kernel shutdown and from its shutdown hook. */
    @Override
    public void shutdown() {
        SparkCluster running;
        SparkCluster local;
        synchronized (lock) {
            running = active.get();
            local = notebookSession.get();
        }
        try {
            if (running != null) {
                running.close();
            }
        } finally {
            if (local != null) {
                local.close();
            }
            lifecycle.close();
        }
    }

    /**
     * @param what      what starts, for the line the cell shows meanwhile
     * @param executors executors requested; 0 for Spark in the kernel's JVM
     */
    private SparkCluster startExclusive(Supplier<SparkCluster> start, boolean asNotebookSession, String what, int executors) {
        synchronized (lock) {
            SparkCluster running = active.get();
            if (running != null) {
                throw new ClusterException(ErrorName.CLUSTER_RUNNING, "a Spark cluster is already running: " + running
                        + "; use its session(), or close it (end its try block) before starting another");
            }
            SparkCluster idle = notebookSession.get();
            if (idle != null && !asNotebookSession) {
                // One SparkContext per JVM: the idle local session makes way, and comes back on next use.
                idle.close();
            }
            SparkCluster cluster;
            try (StartStatus status = StartStatus.start(progress, what, executors, SparkClusters::registeredNow, kernelThreads)) {
                cluster = start.get();
                status.started();
            }
            try {
                progress.follow(cluster.session().sparkContext());
                if (!asNotebookSession) {
                    active.set(cluster);
                }
                return cluster;
            } catch (RuntimeException | Error e) {
                // An interrupt right after the start returned: the cell never got the cluster to close.
                cluster.close();
                throw e;
            }
        }
    }

    /** Executors registered with the session being started: the default session once Spark has created it. */
    private static int registeredNow() {
        scala.Option<SparkSession> starting = SparkSession.getDefaultSession();
        return starting.isDefined() && !starting.get().sparkContext().isStopped()
                ? SparkCluster.registeredExecutors(starting.get()).size() : 0;
    }

    private SparkCluster startLocal(LocalClusterBuilder builder) {
        Instant started = Instant.now();
        String id = "local-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> conf = new LinkedHashMap<>(sessionSettings.forSession());
        conf.putAll(builder.sparkConf(id));
        ClassLoader cellLoader = Thread.currentThread().getContextClassLoader();
        SparkSession session = lifecycle.call(cellLoader, () -> {
            SparkSession.Builder sessionBuilder = SparkSession.builder();
            conf.forEach(sessionBuilder::config);
            SparkSession created = sessionBuilder.getOrCreate();
            SparkThread.initializeSql(created);
            return created;
        }, SparkSession::stop);
        return new SparkCluster(id, builder.master(), session, ClusterRelease.NOTHING, lifecycle,
                new ClusterUsage(id, 1, builder.slots(), Clock.systemUTC(), started), this::closed);
    }

    private void closed(SparkCluster cluster) {
        if (cluster != notebookSession.get()) {
            // The cell that ends the cluster shows what it cost: the blog's 67%-used machine, made visible.
            Optional.ofNullable(cellOutput.get()).orElse(System.out).println(cluster.bill().oneLine());
        }
        active.compareAndSet(cluster, null);
        notebookSession.compareAndSet(cluster, null);
    }

    private SparkCluster current() {
        SparkCluster running = active.get();
        return running != null ? running : notebookSession.get();
    }

    @Override
    public String toString() {
        return active().map(SparkCluster::toString).orElse("Spark (no cluster running; Spark.session() is local)");
    }
}
