package io.kindling.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code %%fsql --engine cluster} on an ephemeral Kubernetes cluster of the real kernel (mock API server, executor
 * pods run as real JVMs by the local kubelet): a TRANSFORM runs a cell's method on the executors, YIELD FILE writes
 * where the executors can, and the cluster leaves nothing behind.
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
    void transformRunsACellsMethodOnTheClustersExecutorsAndFilesGoWhereTheyCanWrite() throws Exception {
        Path profiles = Files.createTempFile(InstalledKernel.work(), "fsql-cluster-profiles-", ".yaml");
        Path shared = Files.createTempDirectory(InstalledKernel.work(), "fsql-cluster-output-");
        Map<String, String> environment = new HashMap<>(fixture.kernelEnvironment());
        environment.put("KINDLING_PROFILES", profiles.toString());
        // The kernel's metastore is the run's (KINDLING_HIVE_HOME from make test), which make test stops at the end.
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(), environment)) {
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

            // Executors write YIELD FILE's files: without a place they can write, the cell fails before anything runs.
            String yieldFile = """
                    %%fsql --engine cluster
                    far = SELECT region, km FROM trips
                    YIELD FILE AS far
                    """;
            JupyterDriver.Execution refused = kernel.execute(yieldFile, CLUSTER_CELL);
            assertThat(refused.status()).isEqualTo("error");
            assertThat(refused.traceback()).contains("OUTPUT_UNWRITABLE", "3:1", "cannot reach this machine's disk",
                    "set output: to a shared file system", "hive profile 'local'");
            assertThat(kernel.execute("far").status()).as("nothing was bound").isEqualTo("error");

            // The hive profile's output base is where cluster results go, and they are deleted with the kernel.
            Files.writeString(profiles, "hive:\n  default: shared\n  profiles:\n    shared: {output: " + shared + "}\n");
            JupyterDriver.Execution written = ok(kernel, yieldFile);
            assertThat(written.stream("stdout")).contains("3 rows written to " + shared.toUri(), "bound far");
            assertThat(ok(kernel, "Spark.session().read().parquet(far.location().toString()).count()").resultText()).isEqualTo("3");
            ok(kernel, "cluster.close();");
            fixture.awaitNoPods(Duration.ofSeconds(30));
        }
        fixture.kubelet().awaitNoRunningJvms(Duration.ofSeconds(30));
        try (Stream<Path> left = Files.list(shared)) {
            assertThat(left.toList()).as("results under the output base are deleted at shutdown").isEmpty();
        }
    }

    private static JupyterDriver.Execution ok(JupyterDriver kernel, String code) throws Exception {
        JupyterDriver.Execution cell = kernel.execute(code, CLUSTER_CELL);
        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        return cell;
    }
}
