package io.kindling.magics.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.SparkSession;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A running Spark cluster whose life is a {@code try} block: closing it stops Spark and returns only
 * once every executor is gone (for Kubernetes, once the API server shows none of its pods).
 * <pre>{@code
 * try (var cluster = Spark.kubernetes().executors(4).cores(2).memory("4g").start()) {
 *     cluster.session().range(1_000_000).selectExpr("sum(id)").show();
 * }
 * }</pre>
 */
public final class SparkCluster implements AutoCloseable {
    /** How long a second {@code close()} waits for the first one's release; far beyond a release's own limits. */
    private static final long RELEASE_WAIT_MINUTES = 3;

    private final String id;
    private final String description;
    private final SparkSession session;
    private final ClusterRelease release;
    private final SparkThread lifecycle;
    private final Consumer<SparkCluster> onClosed;
    private final ClusterUsage usage;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Completes when Spark has stopped and the release is over, however it ended. */
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private volatile ClusterBill finalBill;

    SparkCluster(String id, String description, SparkSession session, ClusterRelease release, SparkThread lifecycle,
                 ClusterUsage usage, Consumer<SparkCluster> onClosed) {
        this.id = requireNonNull(id, "id is null");
        this.description = requireNonNull(description, "description is null");
        this.session = requireNonNull(session, "session is null");
        this.release = requireNonNull(release, "release is null");
        this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
        this.onClosed = requireNonNull(onClosed, "onClosed is null");
        this.usage = requireNonNull(usage, "usage is null").follow(session.sparkContext());
    }

    /**
     * Core-seconds held against core-seconds busy in tasks: so far while it runs, final once closed
     * (the cell that closes it shows it).
     */
    public ClusterBill bill() {
        ClusterBill closedBill = finalBill;
        return closedBill != null ? closedBill : usage.bill();
    }

    /** The Spark session of this cluster. */
    public SparkSession session() {
        if (closed.get()) {
            throw new IllegalStateException("Spark cluster " + id + " is closed; start a new one");
        }
        return session;
    }

    /** The Spark UI of this cluster, when the UI is enabled. */
    public Optional<String> uiUrl() {
        return uiUrl(session.sparkContext());
    }

    static Optional<String> uiUrl(SparkContext context) {
        var url = context.uiWebUrl();
        return url.isDefined() ? Optional.of(url.get()) : Optional.empty();
    }

    /** The executors registered now, as {@code host:port}; the driver is not one of them. */
    public List<String> executors() {
        return registeredExecutors(session);
    }

    public String id() {
        return id;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Stops Spark and waits until every executor is gone. Runs on the kernel's own thread, so an interrupt
     * that stops the waiting cell does not stop the release half-way. A second call (the kernel shutting
     * down while an interrupted cell's {@code try} block closes the cluster) waits for the first one's
     * release rather than returning while pods may still exist.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitRelease();
            return;
        }
        try {
            lifecycle.run(SparkCluster.class.getClassLoader(), () -> {
                try {
                    session.stop();
                } finally {
                    try {
                        release.awaitReleased();
                    } finally {
                        released.complete(null);
                    }
                }
            });
        } finally {
            finalBill = usage.bill();
            onClosed.accept(this);
        }
    }

    private void awaitRelease() {
        // The first close reports its own failure; this one only must not return early.
        SparkThread.awaitUninterruptibly(released, RELEASE_WAIT_MINUTES);
    }

    @Override
    public String toString() {
        return "Spark cluster " + id + " (" + description + (closed.get() ? ", closed" : "")
                + uiUrl().map(u -> ", UI " + u).orElse("") + ")";
    }

    static List<String> registeredExecutors(SparkSession session) {
        SparkExecutorInfo[] infos = session.sparkContext().statusTracker().getExecutorInfos();
        // The status tracker lists the driver too: it is the entry of the driver's own block manager.
        return Arrays.stream(infos)
                .filter(i -> !isDriver(session, i))
                .map(i -> i.host() + ":" + i.port())
                .toList();
    }

    private static boolean isDriver(SparkSession session, SparkExecutorInfo info) {
        var blockManager = session.sparkContext().env().blockManager().blockManagerId();
        return info.host().equals(blockManager.host()) && info.port() == blockManager.port();
    }
}
