package io.kindling.magics.spark;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kindling.magics.spark.KubernetesSettings.CONF;
import static io.kindling.magics.spark.KubernetesSettings.CORES;
import static io.kindling.magics.spark.KubernetesSettings.DRIVER_HOST;
import static io.kindling.magics.spark.KubernetesSettings.DRIVER_POD_NAME;
import static io.kindling.magics.spark.KubernetesSettings.EXECUTORS;
import static io.kindling.magics.spark.KubernetesSettings.IMAGE;
import static io.kindling.magics.spark.KubernetesSettings.MASTER;
import static io.kindling.magics.spark.KubernetesSettings.MAX_EXECUTORS;
import static io.kindling.magics.spark.KubernetesSettings.MEMORY;
import static io.kindling.magics.spark.KubernetesSettings.NAMESPACE;
import static io.kindling.magics.spark.KubernetesSettings.NODE_SELECTOR;
import static io.kindling.magics.spark.KubernetesSettings.POD_TEMPLATE;
import static io.kindling.magics.spark.KubernetesSettings.SERVICE_ACCOUNT;
import static io.kindling.magics.spark.KubernetesSettings.TOLERATIONS;
import static java.util.Objects.requireNonNull;

/**
 * The Spark settings of a client-mode Kubernetes cluster, built by small steps that each add one
 * concern (as Spark's own pod feature steps do), applied in order; the user's {@code conf} goes last.
 */
final class KubernetesSparkConf {
    /** One concern of the configuration. */
    @FunctionalInterface
    interface Step {
        void apply(KubernetesClusterSpec spec, Map<String, String> conf);
    }

    /** Fixed driver ports when the kernel runs in a pod, so a headless Service can expose them. */
    static final String IN_CLUSTER_DRIVER_PORT = "7078";
    static final String IN_CLUSTER_BLOCK_MANAGER_PORT = "7079";

    private final String clusterId;
    private final Map<String, String> labels;
    private final ReplShipping shipping;
    private final Path workDir;
    private final ClusterSecret secret;

    /**
     * @param labels   labels every executor pod carries (the cluster id and the kernel's identity)
     * @param shipping where cell classes are served from and which jars executors need
     * @param workDir  where generated files (a pod template with tolerations) go
     * @param secret   the cluster's own secret, which locks its Spark connections
     */
    KubernetesSparkConf(String clusterId, Map<String, String> labels, ReplShipping shipping, Path workDir, ClusterSecret secret) {
        this.clusterId = requireNonNull(clusterId, "clusterId is null");
        this.labels = Map.copyOf(labels);
        this.shipping = requireNonNull(shipping, "shipping is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.secret = requireNonNull(secret, "secret is null");
    }

    Map<String, String> build(KubernetesClusterSpec spec) {
        Map<String, String> conf = new LinkedHashMap<>();
        List<Step> steps = List.of(this::application, KubernetesSparkConf::driverNetwork, KubernetesSparkConf::executorSizing,
                this::podIdentity, this::placement, KubernetesSparkConf::ownership, this::classShipping,
                this::authentication, (s, c) -> c.putAll(s.get(CONF)));
        steps.forEach(step -> step.apply(spec, conf));
        return conf;
    }

    private void application(KubernetesClusterSpec spec, Map<String, String> conf) {
        conf.put("spark.master", spec.get(MASTER));
        conf.put("spark.submit.deployMode", "client");
        conf.put("spark.app.name", "kindling-" + clusterId);
    }

    /** Executors must reach the driver: its pod IP in-cluster, loopback when the API server is local (tests). */
    private static void driverNetwork(KubernetesClusterSpec spec, Map<String, String> conf) {
        String host = spec.find(DRIVER_HOST).orElseGet(() -> defaultDriverHost(spec));
        conf.put("spark.driver.host", host);
        conf.put("spark.driver.bindAddress", isLoopback(host) ? host : "0.0.0.0");
        if (spec.find(DRIVER_POD_NAME).isPresent()) {
            conf.put("spark.driver.port", IN_CLUSTER_DRIVER_PORT);
            conf.put("spark.driver.blockManager.port", IN_CLUSTER_BLOCK_MANAGER_PORT);
        }
    }

    private static void executorSizing(KubernetesClusterSpec spec, Map<String, String> conf) {
        conf.put("spark.executor.cores", Integer.toString(spec.get(CORES)));
        conf.put("spark.executor.memory", spec.get(MEMORY).toString());
        if (spec.dynamicAllocation()) {
            conf.put("spark.dynamicAllocation.enabled", "true");
            conf.put("spark.dynamicAllocation.shuffleTracking.enabled", "true");
            conf.put("spark.dynamicAllocation.minExecutors", Integer.toString(spec.get(EXECUTORS)));
            conf.put("spark.dynamicAllocation.initialExecutors", Integer.toString(spec.get(EXECUTORS)));
            conf.put("spark.dynamicAllocation.maxExecutors", Integer.toString(spec.find(MAX_EXECUTORS).orElseThrow()));
        } else {
            conf.put("spark.executor.instances", Integer.toString(spec.get(EXECUTORS)));
        }
        // Spark would block getOrCreate up to 30 s for executors that may never come; start() waits itself,
        // watching the pods, so it can say why they do not come.
        conf.put("spark.scheduler.minRegisteredResourcesRatio", "0");
        // All pods in one allocation round (Spark's default asks for 10 per second).
        int batch = Math.max(spec.get(EXECUTORS), spec.find(MAX_EXECUTORS).orElse(0));
        conf.put("spark.kubernetes.allocation.batch.size", Integer.toString(Math.max(5, batch)));
    }

    private void podIdentity(KubernetesClusterSpec spec, Map<String, String> conf) {
        conf.put("spark.kubernetes.namespace", spec.get(NAMESPACE));
        conf.put("spark.kubernetes.container.image", spec.get(IMAGE));
        conf.put("spark.kubernetes.executor.podNamePrefix", "kindling-" + clusterId);
        conf.put("spark.kubernetes.executor.deleteOnTermination", "true");
        // Client mode has no driver service and no volumes of ours: do not make Spark ask for rights it need not have.
        conf.put("spark.kubernetes.driver.service.deleteOnTermination", "false");
        conf.put("spark.kubernetes.driver.ownPersistentVolumeClaim", "false");
        conf.put("spark.kubernetes.driver.reusePersistentVolumeClaim", "false");
        // The executor ConfigMap would only carry the kernel's SPARK_CONF_DIR files (it has none; the image
        // brings its own), and it gets none of the labels below, so a killed kernel's reaper could not find it.
        conf.put("spark.kubernetes.executor.disableConfigMap", "true");
        spec.find(SERVICE_ACCOUNT).ifPresent(sa -> conf.put("spark.kubernetes.authenticate.executor.serviceAccountName", sa));
        conf.put("spark.kubernetes.executor.label." + ExecutorPods.CLUSTER_ID, clusterId);
        labels.forEach((k, v) -> conf.put("spark.kubernetes.executor.label." + k, v));
    }

    private void placement(KubernetesClusterSpec spec, Map<String, String> conf) {
        spec.get(NODE_SELECTOR).forEach((k, v) -> conf.put("spark.kubernetes.executor.node.selector." + k, v));
        if (!spec.get(TOLERATIONS).isEmpty()) {
            conf.put("spark.kubernetes.executor.podTemplateFile", templateWithTolerations(spec).toString());
        } else {
            spec.find(POD_TEMPLATE).ifPresent(t -> conf.put("spark.kubernetes.executor.podTemplateFile", t.toString()));
        }
    }

    /** Owner references to the kernel's pod make Kubernetes delete executors with the kernel pod. */
    private static void ownership(KubernetesClusterSpec spec, Map<String, String> conf) {
        spec.find(DRIVER_POD_NAME).ifPresent(name -> conf.put("spark.kubernetes.driver.pod.name", name));
    }

    private void classShipping(KubernetesClusterSpec spec, Map<String, String> conf) {
        conf.put("spark.repl.class.outputDir", shipping.classDirectory().toString());
        List<String> jars = shipping.jars().stream().map(p -> p.toAbsolutePath().toUri().toString()).toList();
        if (!jars.isEmpty()) {
            conf.put("spark.jars", String.join(",", jars));
        }
    }

    /**
     * The driver listens on all interfaces of its pod: without authentication anything in the cluster network
     * could talk to the scheduler or ask the notebook-variable endpoint for a variable.
     */
    private void authentication(KubernetesClusterSpec spec, Map<String, String> conf) {
        conf.putAll(secret.sparkConf());
    }

    /** Spark has no setting for tolerations: they go into the executor pod template. */
    private Path templateWithTolerations(KubernetesClusterSpec spec) {
        try {
            Pod base = spec.find(POD_TEMPLATE).isPresent() ? read(spec.find(POD_TEMPLATE).get()) : new Pod();
            Pod pod = new PodBuilder(base).editOrNewSpec().addAllToTolerations(spec.get(TOLERATIONS)).endSpec().build();
            Path file = workDir.resolve("executor-pod-template-" + clusterId + ".yaml");
            Files.writeString(file, Serialization.asYaml(pod));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the executor pod template", e);
        }
    }

    private static Pod read(Path template) throws IOException {
        try (InputStream in = Files.newInputStream(template)) {
            return Serialization.unmarshal(in, Pod.class);
        }
    }

    private static String defaultDriverHost(KubernetesClusterSpec spec) {
        String apiHost = URI.create(spec.apiServer()).getHost();
        if (apiHost != null && isLoopback(apiHost)) {
            return "127.0.0.1";
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
