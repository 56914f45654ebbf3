package io.kindling.magics.spark.k8s;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API server behaviour {@link MockKubernetes} adds to fabric8's mock, without Spark. */
final class MockKubernetesTest {
    private static MockKubernetes k8s;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        k8s = MockKubernetes.start();
        client = k8s.client();
    }

    @AfterAll
    static void stop() {
        k8s.close();
    }

    @AfterEach
    void clean() {
        k8s.forbidPodCreation(false);
        client.pods().inNamespace("default").delete();
    }

    @Test
    void createdPodsArePending() {
        Pod created = client.pods().inNamespace("default").resource(pod("p-1", "1")).create();

        assertThat(created.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(client.pods().inNamespace("default").withName("p-1").get().getStatus().getPhase())
                .isEqualTo("Pending");
    }

    @Test
    void setBasedSelectorsNarrowListsAndDeletes() {
        for (String id : new String[] {"1", "2", "3"}) {
            client.pods().inNamespace("default").resource(pod("p-" + id, id)).create();
        }

        assertThat(client.pods().inNamespace("default").withLabelIn("spark-exec-id", "1", "3").list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("p-1", "p-3");
        assertThat(client.pods().inNamespace("default").withLabelNotIn("spark-exec-id", "1").list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("p-2", "p-3");

        // Spark's clean-up of timed-out executors: without emulation this deleted all three.
        client.pods().inNamespace("default")
                .withLabel("spark-role", "executor")
                .withLabelIn("spark-exec-id", "2")
                .delete();

        assertThat(client.pods().inNamespace("default").list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("p-1", "p-3");
    }

    @Test
    void forbiddenPodCreationAnswersWithKubernetesStatus() {
        k8s.forbidPodCreation(true);

        assertThatThrownBy(() -> client.pods().inNamespace("default").resource(pod("p-1", "1")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
                    assertThat(e.getStatus().getMessage()).contains("cannot create resource \"pods\"");
                });
        assertThat(k8s.forbiddenPodCreations()).isEqualTo(1);
        // Only pods: Spark's executor config map still goes through.
        HasMetadata configMap = client.configMaps().inNamespace("default")
                .resource(new ConfigMapBuilder().withNewMetadata().withName("conf").endMetadata().build())
                .create();
        assertThat(configMap.getMetadata().getUid()).isNotNull();
        client.configMaps().inNamespace("default").withName("conf").delete();
    }

    @Test
    void dryRunCreationStoresNothing() {
        Pod answered = client.pods().inNamespace("default").resource(pod("p-1", "1")).dryRun().create();

        assertThat(answered.getMetadata().getName()).isEqualTo("p-1");
        assertThat(client.pods().inNamespace("default").list().getItems()).isEmpty();
    }

    private static Pod pod(String name, String executorId) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("spark-role", "executor")
                .addToLabels("spark-exec-id", executorId)
                .endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec()
                .build();
    }
}
