package io.kindling.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code %%fsql --engine cluster} on an ephemeral Kubernetes cluster of the real kernel (mock API server, executor
 * pods run as real JVMs by the local kubelet): a TRANSFORM runs a cell's method on the executors, and the cluster
 * leaves nothing behind.
 */
class FsqlClusterKernelTest {
    private static final Duration CLUSTER_CELL = Duration.ofMinutes(5);
    private static KubernetesFixture fixture;

    @BeforeAll
    static void startFixture() {
        fixture = KubernetesFixture.start();
    }

    @AfterAll
    static void stopFixture() throws Exception {
        fixture.close();
    }

    @Test
    void transformRunsACellsMethodOnTheClustersExecutors() throws Exception {
        // The kernel's metastore is the run's (KINDLING_HIVE_HOME from make test), which make test stops at the end.
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(), fixture.kernelEnvironment())) {
            ok(kernel, "var cluster = Spark.kubernetes().executors(2).start();");
            ok(kernel, """
                    record Trip(String region, double km) {}
                    record Share(String region, double share, String executor) {}
                    List<Share> share(List<Trip> trips) {
                        double total = trips.stream().mapToDouble(Trip::km).sum();
                        String executor = org.apache.spark.SparkEnv.get().executorId();
                        return trips.stream().map(t -> new Share(t.region(), t.km() / total, executor)).toList();
                    }
                    var trips = List.of(new Trip("north", 1.0), new Trip("north", 3.0), new Trip("south", 2.0));
                    """);
            JupyterDriver.Execution transformed = ok(kernel, """
                    %%fsql --engine cluster
                    shares = TRANSFORM trips PREPARTITION BY region USING share
                    SELECT region, share, executor FROM shares ORDER BY region, share
                    YIELD LOCAL DATAFRAME AS shares
                    """);

            assertThat(transformed.stream("stdout")).contains("bound shares");
            assertThat(ok(kernel, "shares.getColumn(\"share\").toList().toString()").resultText()).isEqualTo("[0.25, 0.75, 1.0]");
            assertThat(ok(kernel, "new TreeSet<>(shares.getColumn(\"executor\").toList()).toString()").resultText())
                    .as("the method ran on the cluster's executors, not in the kernel").matches("\\[[0-9]+(, [0-9]+)?]");
            ok(kernel, "cluster.close();");
            fixture.awaitNoPods(Duration.ofSeconds(30));
        }
        fixture.kubelet().awaitNoRunningJvms(Duration.ofSeconds(30));
    }

    private static JupyterDriver.Execution ok(JupyterDriver kernel, String code) throws Exception {
        JupyterDriver.Execution cell = kernel.execute(code, CLUSTER_CELL);
        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        return cell;
    }
}
