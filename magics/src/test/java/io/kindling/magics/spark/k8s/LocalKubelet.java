package io.kindling.magics.spark.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.apache.spark.launcher.JavaModuleOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Plays kubelet for Spark executor pods on a {@link MockKubernetes}: each pod labelled
 * {@code spark-role=executor} that appears in the namespace is run as a local executor JVM, and its
 * status is reported back the way a kubelet would (Running with a pod IP, then Succeeded or Failed with
 * the exit code). Deleting the pod kills the JVM. Secret volumes are mounted as local files
 * ({@link SecretVolumes}) and env from secret keys is resolved, both read from the API server.
 *
 * <p>Each pod gets its own loopback address (127.0.0.2, 127.0.0.3, ..., unique in this test JVM) as its
 * pod IP, so executors bind apart from each other and from the driver on 127.0.0.1; this works on
 * Linux, where all of 127/8 is local. How the command is worked out from the pod is
 * {@link ExecutorLaunch}'s job; JVM output goes to a log file per pod under {@link #workDirectory()},
 * kept after {@link #close()} so a failed test can print it.
 *
 * <pre>{@code
 * try (MockKubernetes k8s = MockKubernetes.start();
 *      LocalKubelet kubelet = LocalKubelet.forTestJvm(k8s.client(), "default")) {
 *     ... a SparkSession with spark.master=k8s://<k8s.url()> ...
 * }
 * }</pre>
 */
public final class LocalKubelet implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalKubelet.class.getName());
    private static final String ROLE_LABEL = "spark-role";
    private static final String EXECUTOR_ROLE = "executor";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    // Shared by all kubelets of this JVM, so two sessions' executors never share an address.
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

    private final KubernetesClient client;
    private final String namespace;
    private final String classPath;
    private final String java;
    private final List<String> jvmFlags;
    private final Path workDirectory;
    // One thread for pod events and exits, so a pod's status patches go out in order.
    private final ExecutorService events;

    private final Set<String> seenUids = ConcurrentHashMap.newKeySet();
    private final Set<String> deletedUids = ConcurrentHashMap.newKeySet();
    private final List<Pod> podsSeen = new CopyOnWriteArrayList<>();
    private final Map<String, ExecutorJvm> jvms = new ConcurrentHashMap<>();
    private final Map<String, Path> logs = new ConcurrentHashMap<>();
    private final AtomicBoolean crashNext = new AtomicBoolean();
    private volatile boolean holdPending;
    private volatile boolean closed;
    private volatile Watch watch;

    private LocalKubelet(KubernetesClient client, String namespace, String classPath, String java,
            List<String> jvmFlags, Path workDirectory) {
        this.client = requireNonNull(client, "client is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
        this.classPath = requireNonNull(classPath, "classPath is null");
        this.java = requireNonNull(java, "java is null");
        this.jvmFlags = List.copyOf(jvmFlags);
        this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
        this.events = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-kubelet-" + namespace);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts watching {@code namespace} for executor pods.
     *
     * @param classPath the executors' class path, as for {@code java -cp}: a path list, or {@code dir/*}
     *                  for the jars of a directory (the image's {@code $SPARK_HOME/jars})
     * @param java      the {@code java} executable; executors need the driver's Java version or newer
     * @param jvmFlags  flags before Spark's own ({@code SPARK_JAVA_OPT_<n>}), e.g. a debugger agent; Spark's
     *                  module options need not be here, the driver already sends them that way
     */
    public static LocalKubelet start(KubernetesClient client, String namespace, String classPath, Path java,
            List<String> jvmFlags) {
        Path workDirectory;
        try {
            workDirectory = Files.createTempDirectory("local-kubelet-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the kubelet's work directory", e);
        }
        LocalKubelet kubelet = new LocalKubelet(client, namespace, classPath, java.toString(), jvmFlags, workDirectory);
        kubelet.watch();
        return kubelet;
    }

    /**
     * A kubelet whose executors run with this JVM's {@code java} and class path, and no extra flags:
     * the driver already passes Spark's module options ({@link JavaModuleOptions}) to executors in
     * their {@code SPARK_JAVA_OPT_<n>} env, as it does for real pods.
     */
    public static LocalKubelet forTestJvm(KubernetesClient client, String namespace) {
        return start(client, namespace, System.getProperty("java.class.path"), currentJava(), List.of());
    }

    /** The {@code java} executable of this JVM. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Leaves new pods Pending and starts nothing for them, like an image that cannot be pulled
     * ({@code true}); pods held so far stay Pending after switching back.
     */
    public void holdPending(boolean hold) {
        this.holdPending = hold;
    }

    /** Makes the next executor pod's JVM exit at once with code 1 (the pod turns Failed), like a crash at start. */
    public void crashNextExecutor() {
        crashNext.set(true);
    }

    /** The executor pods seen so far, as created (labels, env, owner references), oldest first. */
    public List<Pod> podsSeen() {
        return List.copyOf(podsSeen);
    }

    /** How many executor JVMs are running now. */
    public int runningJvms() {
        return (int) jvms.values().stream().filter(ExecutorJvm::isAlive).count();
    }

    /** Waits until no executor JVM runs, or fails saying which still do and where their logs are. */
    public void awaitNoRunningJvms(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (runningJvms() > 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("executor JVMs still running after " + timeout + ": " + jvms.values().stream()
                        .filter(ExecutorJvm::isAlive)
                        .map(jvm -> jvm.podName() + " (pid " + jvm.pid() + ", log " + jvm.log() + ")")
                        .collect(Collectors.joining(", ")));
            }
            Thread.sleep(100);
        }
    }

    /** The log of the executor JVM of pod {@code podName}, if one was started. */
    public Optional<Path> logFile(String podName) {
        return Optional.ofNullable(logs.get(podName));
    }

    /** Where the executors' logs and local directories are. */
    public Path workDirectory() {
        return workDirectory;
    }

    /** The executors' logs, for printing when a test fails. */
    public String describeLogs() {
        return logs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    /** Stops watching and kills the executor JVMs, waiting for them; their logs stay. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        Watch current = watch;
        if (current != null) {
            current.close();
        }
        // Let an event in progress finish first, so it cannot start a JVM after we stopped them all.
        events.shutdown();
        events.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        jvms.values().forEach(jvm -> jvm.stop(STOP_GRACE));
        for (ExecutorJvm jvm : jvms.values()) {
            jvm.stopAndWait(STOP_GRACE);
        }
        deleteLocalDirectories();
    }

    private void watch() {
        watch = client.pods().inNamespace(namespace).withLabel(ROLE_LABEL, EXECUTOR_ROLE).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (!closed) {
                    events.execute(() -> onEvent(action, pod));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // fabric8 reconnects by itself on network errors; this is the rest (e.g. 410 Gone).
                if (!closed) {
                    LOG.log(Level.WARNING, "executor pod watch closed, watching again", cause);
                    watch();
                }
            }
        });
    }

    private void onEvent(Watcher.Action action, Pod pod) {
        try {
            switch (action) {
                // A watch sends ADDED again for existing pods when it (re)connects: seenUids keeps that idempotent.
                case ADDED, MODIFIED -> onPresent(pod);
                case DELETED -> onDeleted(pod);
                default -> {
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot handle " + action + " of pod " + pod.getMetadata().getName(), e);
        }
    }

    private void onPresent(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (closed || pod.getMetadata().getDeletionTimestamp() != null || !seenUids.add(uid)) {
            return;
        }
        podsSeen.add(pod);
        String name = pod.getMetadata().getName();
        if (holdPending) {
            LOG.log(Level.INFO, "pod {0}: held Pending", name);
            return;
        }
        String podIp = nextLoopbackAddress();
        // The uid's tail keeps a reused pod name apart (the mock's uids differ only at the end).
        Path podDirectory = workDirectory.resolve(name + "-" + uid.substring(Math.max(0, uid.length() - 8)));
        Path log = podDirectory.resolve("executor.log");
        Container container;
        ExecutorLaunch launch;
        try {
            container = ExecutorLaunch.executorContainer(pod);
            launch = ExecutorLaunch.forPod(pod, podIp, podDirectory.resolve("local"), classPath, java, jvmFlags,
                    SecretVolumes.mount(client, pod, container, podDirectory), this::secretValue);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, e.getMessage());
            patchStatus(pod, PodStatuses.rejected(e.getMessage()));
            return;
        }
        if (crashNext.getAndSet(false)) {
            launch = launch.crashing();
        }
        Instant startedAt = Instant.now();
        ExecutorJvm jvm;
        try {
            jvm = ExecutorJvm.start(launch, podDirectory, log);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "pod " + name + ": cannot start the executor JVM", e);
            patchStatus(pod, PodStatuses.rejected("cannot start the executor JVM: " + e));
            return;
        }
        jvms.put(uid, jvm);
        logs.put(name, log);
        LOG.log(Level.INFO, "pod {0}: executor JVM pid {1} on {2}, log {3}", name, String.valueOf(jvm.pid()), podIp,
                log);
        // Runs on the event thread after this method, so Running always goes out before the exit.
        jvm.exit().thenAcceptAsync(code -> onExit(pod, container, startedAt, code), events);
        patchStatus(pod, PodStatuses.running(container.getName(), container.getImage(), podIp, startedAt));
    }

    private void onExit(Pod pod, Container container, Instant startedAt, int exitCode) {
        String uid = pod.getMetadata().getUid();
        jvms.remove(uid);
        LOG.log(Level.INFO, "pod {0}: executor JVM exited with code {1}", pod.getMetadata().getName(),
                String.valueOf(exitCode));
        if (!deletedUids.contains(uid) && !closed) {
            patchStatus(pod, PodStatuses.terminated(container.getName(), container.getImage(), exitCode, startedAt,
                    Instant.now()));
        }
    }

    private void onDeleted(Pod pod) {
        String uid = pod.getMetadata().getUid();
        deletedUids.add(uid);
        ExecutorJvm jvm = jvms.get(uid);
        if (jvm != null) {
            jvm.stop(STOP_GRACE);
        }
    }

    private Optional<String> secretValue(String podNamespace, String secretName, String key) {
        Secret secret = client.secrets().inNamespace(podNamespace).withName(secretName).get();
        return Optional.ofNullable(secret).map(Secret::getData).map(data -> data.get(key))
                .map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    private void patchStatus(Pod pod, String patch) {
        try {
            client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                    .subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            // Deleted meanwhile: nothing left to report to.
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }

    private void deleteLocalDirectories() {
        try (Stream<Path> podDirectories = Files.list(workDirectory)) {
            for (Path local : podDirectories.map(d -> d.resolve("local")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> tree = Files.walk(local)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete executor local directories under " + workDirectory, e);
        }
    }

    // 127.0.0.2 .. 127.0.0.254, then 127.0.1.2 ..: never the driver's 127.0.0.1, never .0 or .255.
    private static String nextLoopbackAddress() {
        int index = NEXT_ADDRESS.getAndIncrement();
        return "127." + (index / (253 * 256)) % 256 + "." + (index / 253) % 256 + "." + (2 + index % 253);
    }
}
