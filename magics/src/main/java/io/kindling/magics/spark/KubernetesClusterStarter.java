package io.kindling.magics.spark;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.sql.SparkErrors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.apache.spark.sql.SparkSession;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.kindling.magics.spark.KubernetesSettings.CORES;
import static io.kindling.magics.spark.KubernetesSettings.EXECUTORS;
import static io.kindling.magics.spark.KubernetesSettings.MAX_EXECUTORS;
import static io.kindling.magics.spark.KubernetesSettings.NAMESPACE;
import static io.kindling.magics.spark.KubernetesSettings.START_TIMEOUT;
import static java.util.Objects.requireNonNull;

/**
 * Starts one ephemeral cluster in client mode: checks the API server and permissions first (Spark's
 * own failures there are retried silently), starts Spark, and waits until the executors register
 * while watching their pods for failures that will never heal. Whatever goes wrong, the pods are
 * deleted before the error reaches the cell.
 */
final class KubernetesClusterStarter {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RELEASE_GRACE = Duration.ofSeconds(30);
    private static final List<String> POD_VERBS = List.of("create", "get", "list", "watch", "delete", "deletecollection");

    private final KernelIdentity kernel;
    private final ReplShipping shipping;
    private final SparkThread lifecycle;
    private final Path workDir;
    private final Function<String, KubernetesClient> clients;
    private final SessionSettings sessionSettings;

    /** @param clients opens a client for an API server URL (credentials from kubeconfig or the pod's account) */
    KubernetesClusterStarter(KernelIdentity kernel, ReplShipping shipping, SparkThread lifecycle, Path workDir,
                             Function<String, KubernetesClient> clients, SessionSettings sessionSettings) {
        this.kernel = requireNonNull(kernel, "kernel is null");
        this.shipping = requireNonNull(shipping, "shipping is null");
        this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.sessionSettings = requireNonNull(sessionSettings, "sessionSettings is null");
    }

    SparkCluster start(KubernetesClusterSpec spec, Consumer<SparkCluster> onClosed) {
        Instant started = Instant.now();
        String clusterId = UUID.randomUUID().toString().substring(0, 8);
        KubernetesClient client = clients.apply(spec.apiServer());
        ExecutorPods pods = new ExecutorPods(client, spec.get(NAMESPACE), clusterId);
        ClusterSecret secret = ClusterSecret.of(clusterId, workDir);
        PodRelease release = new PodRelease(pods, secret, client, RELEASE_GRACE);
        try {
            checkAccess(client, spec);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        // Before any pod exists: a catalog that cannot be had fails the start with nothing to release.
        Map<String, String> conf;
        try {
            conf = new LinkedHashMap<>(sessionSettings.forSession());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        try {
            secret.create(client, spec.get(NAMESPACE), clusterLabels(clusterId));
        } catch (KubernetesClientException e) {
            ClusterException failure = secretFailure(e, spec);
            releaseQuietly(release, failure);
            throw failure;
        } catch (RuntimeException e) {
            releaseQuietly(release, e);
            throw e;
        }
        conf.putAll(new KubernetesSparkConf(clusterId, kernel.labels(), shipping, workDir, secret).build(spec));
        ClassLoader cellLoader = Thread.currentThread().getContextClassLoader();
        SparkSession session;
        try {
            session = lifecycle.call(cellLoader, () -> createSession(conf, shipping.variables()),
                    abandoned -> stop(abandoned, release));
        } catch (RuntimeException | Error e) {
            releaseQuietly(release, e);
            if (e instanceof ClusterException known) {
                throw known;
            }
            throw new ClusterException(ErrorName.CLUSTER_START_FAILED,
                    "Spark could not start on " + spec.apiServer() + ": " + rootMessage(e), List.of(), e);
        }
        int executors = spec.find(MAX_EXECUTORS).orElse(spec.get(EXECUTORS));
        SparkCluster cluster = new SparkCluster(clusterId, spec.describe(), session, release, lifecycle,
                new ClusterUsage(clusterId, executors, spec.get(CORES), Clock.systemUTC(), started), onClosed);
        try {
            awaitExecutors(spec, session, pods);
            return cluster;
        } catch (RuntimeException | Error e) {
            try {
                cluster.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static SparkSession createSession(Map<String, String> conf, NotebookVariables variables) {
        SparkSession.Builder builder = SparkSession.builder();
        conf.forEach(builder::config);
        SparkSession session = builder.getOrCreate();
        SparkThread.initializeSql(session);
        // Before the first job, so no task can ask for a variable before the server is there.
        NotebookVariableServer.register(session.sparkContext(), variables);
        return session;
    }

    /** What the cluster's objects on the API server carry: its id, and the kernel's identity for the reaper. */
    private Map<String, String> clusterLabels(String clusterId) {
        Map<String, String> labels = new LinkedHashMap<>(kernel.labels());
        labels.put(ExecutorPods.CLUSTER_ID, clusterId);
        return labels;
    }

    private static ClusterException secretFailure(KubernetesClientException e, KubernetesClusterSpec spec) {
        if (e.getCode() == 401 || e.getCode() == 403) {
            return new ClusterException(ErrorName.KUBERNETES_FORBIDDEN, "the Kubernetes account the kernel uses may not create"
                    + " secrets in namespace '" + spec.get(NAMESPACE) + "' (HTTP " + e.getCode() + "); each cluster's Spark"
                    + " connections are locked with a secret of its own: grant the Role in docker/k8s/rbac.yaml", List.of(), e);
        }
        return accessFailure(e, spec);
    }

    /** Fails early, with the reason, when the API server cannot be reached or will not let us manage pods. */
    private static void checkAccess(KubernetesClient client, KubernetesClusterSpec spec) {
        try {
            client.pods().inNamespace(spec.get(NAMESPACE)).withLabel(ExecutorPods.CLUSTER_ID).list();
        } catch (KubernetesClientException e) {
            throw accessFailure(e, spec);
        }
        List<String> denied = new ArrayList<>();
        for (String verb : POD_VERBS) {
            SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                    .withNamespace(spec.get(NAMESPACE)).withVerb(verb).withResource("pods").endResourceAttributes().endSpec().build();
            try {
                SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
                // A server without authorization (or a test double) answers without a status: nothing to learn.
                if (answer != null && answer.getStatus() != null && Boolean.FALSE.equals(answer.getStatus().getAllowed())) {
                    denied.add(verb);
                }
            } catch (KubernetesClientException e) {
                // Reviews themselves may be forbidden; Spark's own requests will tell.
                break;
            }
        }
        if (!denied.isEmpty()) {
            throw new ClusterException(ErrorName.KUBERNETES_FORBIDDEN, "the Kubernetes account the kernel uses may not "
                    + String.join(", ", denied) + " pods in namespace '" + spec.get(NAMESPACE) + "'; grant the Role in"
                    + " docker/k8s/rbac.yaml (or pick another namespace)");
        }
    }

    private static ClusterException accessFailure(KubernetesClientException e, KubernetesClusterSpec spec) {
        if (e.getCode() == 401 || e.getCode() == 403) {
            return new ClusterException(ErrorName.KUBERNETES_FORBIDDEN, "the Kubernetes API server at " + spec.apiServer()
                    + " refused to list pods in namespace '" + spec.get(NAMESPACE) + "' (HTTP " + e.getCode()
                    + "); the kernel's account needs the Role in docker/k8s/rbac.yaml", List.of(), e);
        }
        Throwable cause = SparkErrors.rootCause(e);
        if (e.getCode() == 0 || cause instanceof ConnectException || cause instanceof UnknownHostException) {
            return new ClusterException(ErrorName.KUBERNETES_UNREACHABLE, "cannot reach the Kubernetes API server at "
                    + spec.apiServer() + ": " + rootMessage(e), List.of(), e);
        }
        return new ClusterException(ErrorName.KUBERNETES_ERROR, "the Kubernetes API server at " + spec.apiServer()
                + " answered HTTP " + e.getCode() + ": " + e.getMessage(), List.of(), e);
    }

    private void awaitExecutors(KubernetesClusterSpec spec, SparkSession session, ExecutorPods pods) {
        long deadline = System.nanoTime() + spec.get(START_TIMEOUT).toNanos();
        int failureLimit = Math.max(3, spec.get(EXECUTORS));
        while (SparkCluster.registeredExecutors(session).size() < spec.get(EXECUTORS)) {
            List<Pod> current = pods.list();
            Optional<String> imageFailure = pods.imageFailure(current);
            if (imageFailure.isPresent()) {
                throw new ClusterException(ErrorName.EXECUTOR_IMAGE_FAILED, "executor pods cannot start: " + imageFailure.get()
                        + "; check the image name and that the cluster can pull it", ExecutorPods.describe(current), null);
            }
            if (ExecutorPods.failed(current) >= failureLimit) {
                throw new ClusterException(ErrorName.EXECUTORS_FAILED, ExecutorPods.failed(current) + " executor pods failed while"
                        + " the cluster started; see their logs with kubectl logs", ExecutorPods.describe(current), null);
            }
            if (System.nanoTime() > deadline) {
                throw timeout(spec, session, current);
            }
            if (lifecycle.callerGaveUp()) {
                throw new ClusterException(ErrorName.INTERRUPTED, "interrupted while waiting for executors; the pods were deleted");
            }
            sleep();
        }
    }

    private static ClusterException timeout(KubernetesClusterSpec spec, SparkSession session, List<Pod> current) {
        int registered = SparkCluster.registeredExecutors(session).size();
        String why = current.isEmpty()
                ? "no executor pod was created: the API server refused Spark's requests (does the kernel's account"
                + " may create pods in namespace '" + spec.get(NAMESPACE) + "'? see docker/k8s/rbac.yaml)"
                : podSummary(current) + " (pods stuck Pending usually mean no node has the requested cores or memory free)";
        String log = Optional.ofNullable(System.getProperty("kindling.log.file")).map(f -> "; Spark's log: " + f).orElse("");
        return new ClusterException(ErrorName.CLUSTER_START_TIMEOUT, registered + " of " + spec.get(EXECUTORS) + " executors registered within "
                + spec.get(START_TIMEOUT).toSeconds() + " s; " + why + log + ". The pods were deleted.",
                ExecutorPods.describe(current), null);
    }

    private static String podSummary(List<Pod> pods) {
        Map<String, Integer> byPhase = new LinkedHashMap<>();
        pods.forEach(p -> byPhase.merge(ExecutorPods.phase(p), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        byPhase.forEach((phase, n) -> parts.add(n + " " + phase));
        return "executor pods: " + String.join(", ", parts);
    }

    private void stop(SparkSession session, PodRelease release) {
        if (session != null) {
            try {
                session.stop();
            } finally {
                release.awaitReleased();
            }
        }
    }

    private static void releaseQuietly(PodRelease release, Throwable failure) {
        try {
            release.awaitReleased();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = SparkErrors.rootCause(e);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ErrorName.INTERRUPTED, "interrupted while waiting for executors; the pods were deleted");
        }
    }
}
