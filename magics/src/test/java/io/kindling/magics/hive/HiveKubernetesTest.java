package io.kindling.magics.hive;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kindling.magics.config.MemorySize;
import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.config.Settings;
import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.RecordingMagicContext;
import io.kindling.magics.spark.KernelIdentity;
import io.kindling.magics.spark.KubernetesSettings;
import io.kindling.magics.spark.ReplShipping;
import io.kindling.magics.spark.SparkCluster;
import io.kindling.magics.spark.SparkClusters;
import io.kindling.magics.spark.SparkDefaults;
import io.kindling.magics.spark.k8s.LocalKubelet;
import io.kindling.magics.spark.k8s.MockKubernetes;
import io.kindling.magics.table.NotebookTables;
import io.kindling.magics.table.ParquetTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code %%hive} with a cluster of the cell's own: Spark's real Kubernetes backend against the mock
 * API server, executors as real JVMs run by the local kubelet, and the local metastore service.
 */
class HiveKubernetesTest {
    @TempDir
    static Path dir;
    private static MockKubernetes kubernetes;
    private static LocalKubelet kubelet;
    private static LocalMetastore metastore;
    private static SparkClusters spark;
    private static HiveMagic magic;

    @BeforeAll
    static void start() throws Exception {
        kubernetes = MockKubernetes.start();
        kubelet = LocalKubelet.forTestJvm(kubernetes.client(), "default");
        Path profiles = dir.resolve("profiles.yaml");
        // The fixture's executors run on this machine, so its disk is shared with them, as a shared mount would be.
        Files.writeString(profiles, """
                hive:
                  profiles:
                    fixture:
                      shared_output: true
                """);
        ProfilesFile file = ProfilesFile.of(Map.of(ProfilesFile.ENV_PROFILES_FILE, profiles.toString()), dir);
        metastore = new LocalMetastore(dir.resolve("hive"), LocalMetastore.thisJava(), Duration.ofMinutes(3));
        HiveCatalog catalog = new HiveCatalog(() -> HiveProfiles.load(file), metastore);
        Settings k8s = KubernetesSettings.defaults().with(KubernetesSettings.MASTER, "k8s://" + kubernetes.url())
                .with(KubernetesSettings.IMAGE, "kindling/executor:test").with(KubernetesSettings.MEMORY, MemorySize.parse("memory", "512m"))
                .with(KubernetesSettings.START_TIMEOUT, Duration.ofSeconds(120))
                .with(KubernetesSettings.CONF, Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2"));
        SparkDefaults defaults = new SparkDefaults(Optional.of(1), Map.of("spark.ui.enabled", "false"), k8s);
        spark = new SparkClusters(() -> defaults, KernelIdentity.ofThisProcess("hive-k8s-test"),
                new ReplShipping(dir, List::of, (c, v) -> null), Thread.currentThread().getThreadGroup(), dir,
                url -> new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url)
                        .withHttp2Disable(true).withRequestRetryBackoffLimit(0).build()).build(), catalog);
        magic = new HiveMagic(spark, catalog, () -> HiveProfiles.load(file), new NotebookTables(Clock.systemUTC()),
                new HiveOutputs(Files.createDirectories(dir.resolve("outputs")), dir.resolve("kept")), 1_000, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (spark != null) {
            spark.shutdown();
        }
        if (metastore != null) {
            metastore.stop();
        }
        if (kubelet != null) {
            kubelet.close();
        }
        if (kubernetes != null) {
            kubernetes.close();
        }
    }

    private static Optional<Object> run(String line, String body, RecordingMagicContext context) {
        return magic.run(MagicArgumentParser.parse(magic.spec(), line), body, context);
    }

    @Test
    void aCellWithExecutorsRunsOnItsOwnClusterWhichIsGoneAfterwardsWithItsBill() throws Exception {
        RecordingMagicContext context = new RecordingMagicContext();
        try (var attached = spark.cellStarted(context)) {
            run("spread --profile fixture --executors 2 --cores 1 --conf spark.sql.autoBroadcastJoinThreshold=-1",
                    "SELECT id % 10 AS bucket, count(*) AS n FROM range(0, 100000, 1, 8) GROUP BY 1", context);
        }

        ParquetTable handle = (ParquetTable) context.bindings().get(0).value();
        assertThat(handle.rows()).isEqualTo(10);
        assertThat(context.printed()).contains("starting a Kubernetes cluster for this cell")
                .containsPattern("cluster \\w+: 2 executors × 1 core × [0-9.]+ s = [0-9,]+ core-s held, [0-9,]+ core-s busy in [0-9,]+ tasks: \\d+% used");
        assertThat(spark.active()).isEmpty();
        kubelet.awaitNoRunningJvms(Duration.ofSeconds(60));
        assertThat(kubernetes.client().pods().inNamespace("default").list().getItems()).isEmpty();
        // The handle outlives the cluster: it reads through the notebook's session.
        assertThat(handle.toDataFrame(100).height()).isEqualTo(10);
    }

    @Test
    void anOutputOnThisMachinesDiskIsRefusedBeforeAnyPodStarts() {
        assertThatThrownBy(() -> run("t --executors 2", "SELECT 1 AS one", new RecordingMagicContext()))
                .isInstanceOf(MagicError.class).hasMessageContaining("cannot write to").hasMessageContaining("shared_output");
        assertThat(kubernetes.client().pods().inNamespace("default").list().getItems()).isEmpty();
    }

    @Test
    void aCellOnTheNotebooksOpenClusterWritesOnlyWhereTheExecutorsCan() throws Exception {
        try (SparkCluster cluster = spark.kubernetes().executors(1).start()) {
            RecordingMagicContext context = new RecordingMagicContext();
            assertThatThrownBy(() -> run("t", "SELECT id FROM range(5)", context))
                    .isInstanceOf(MagicError.class).hasMessageContaining("cannot write to").hasMessageContaining("shared_output");
            assertThat(context.bindings()).isEmpty();

            run("t --profile fixture", "SELECT id FROM range(5)", context);
            assertThat(((ParquetTable) context.bindings().get(0).value()).rows()).isEqualTo(5);
        }
        kubelet.awaitNoRunningJvms(Duration.ofSeconds(60));
    }
}
