package io.kindling.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.kindling.magics.spark.k8s.LocalKubelet;
import io.kindling.magics.spark.k8s.MockKubernetes;
import org.apache.spark.launcher.JavaModuleOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The stand-in Kubernetes of the end-to-end tests: the fabric8 mock API server, and the local kubelet that runs each
 * executor pod as a real JVM on the kernel distribution's jars.
 */
record KubernetesFixture(MockKubernetes kubernetes, LocalKubelet kubelet) implements AutoCloseable {
    static KubernetesFixture start() {
        MockKubernetes kubernetes = MockKubernetes.start();
        Path dist = Path.of(System.getProperty("kindling.dist"));
        LocalKubelet kubelet = LocalKubelet.start(kubernetes.client(), "default", dist.resolve("lib") + "/*", LocalKubelet.currentJava(),
                List.of(JavaModuleOptions.defaultModuleOptionArray()));
        return new KubernetesFixture(kubernetes, kubelet);
    }

    /** The pods in the fixture's namespace, executors and strays alike. */
    List<Pod> pods() {
        return kubernetes.client().pods().inNamespace("default").list().getItems();
    }

    /** Waits until no pod is left; fails with the pods' names and the executors' logs. */
    void awaitNoPods(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pods().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pods left: " + pods().stream().map(p -> p.getMetadata().getName()).toList()
                        + "\n" + kubelet.describeLogs());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until a task wrote its marker into {@code markers}: the job runs on an executor, which is what an
     * interrupt or a shutdown in a test should meet (a fixed sleep is too short on a busy machine).
     */
    void awaitTaskStarted(Path markers, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(markers)) {
                if (files.findAny().isPresent()) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no task started within " + timeout + "\n" + kubelet.describeLogs());
    }

    /** What a kernel needs to start its clusters here. */
    Map<String, String> kernelEnvironment() {
        return Map.of("KINDLING_K8S_MASTER", kubernetes.url(), "KINDLING_SPARK_IMAGE", "kindling/executor:test");
    }

    @Override
    public void close() throws Exception {
        kubelet.close();
        kubernetes.close();
    }
}
