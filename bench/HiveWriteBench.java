import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kindling.magics.config.MemorySize;
import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.config.Settings;
import io.kindling.magics.hive.HiveCatalog;
import io.kindling.magics.hive.HiveMagic;
import io.kindling.magics.hive.HiveOutputs;
import io.kindling.magics.hive.HiveProfiles;
import io.kindling.magics.hive.LocalMetastore;
import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.RecordingMagicContext;
import io.kindling.magics.spark.KernelIdentity;
import io.kindling.magics.spark.KubernetesSettings;
import io.kindling.magics.spark.SparkCluster;
import io.kindling.magics.spark.k8s.LocalKubelet;
import io.kindling.magics.spark.k8s.MockKubernetes;
import io.kindling.magics.spark.ReplShipping;
import io.kindling.magics.spark.SparkClusters;
import io.kindling.magics.spark.SparkDefaults;
import io.kindling.magics.table.NotebookTables;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * %%hive SELECT-to-Parquet beside the hand-written spark.sql(...).write().parquet(...) of the same
 * query, in the same local session with Hive support, alternating, after a warm-up of each. Both
 * write every row; %%hive also stages and renames, reads the files' footers and a 20-row preview,
 * and binds the handle. Then, on the Kubernetes fixture, a cell with a cluster of its own beside the same
 * work in a Spark.kubernetes() try block. Prints one JSON object per run. Run through bench/run.
 * Args: rows, repetitions, per-cell cluster repetitions (0: none), per-cell cluster warm-up rounds (not reported),
 * executors of each cluster.
 */
public class HiveWriteBench {
    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        int repeat = Integer.parseInt(args[1]);
        int clusterRepeat = Integer.parseInt(args[2]);
        int clusterWarmUps = Integer.parseInt(args[3]);
        int clusterExecutors = Integer.parseInt(args[4]);
        Path work = Files.createTempDirectory("kindling-hive-bench-");
        Path profiles = work.resolve("profiles.yaml");
        Files.writeString(profiles, "spark:\n  local:\n    cores: 2\n    conf: {spark.ui.enabled: \"false\"}\n");
        Map<String, String> environment = Map.of(ProfilesFile.ENV_PROFILES_FILE, profiles.toString());
        ProfilesFile file = ProfilesFile.of(environment, work);
        LocalMetastore metastore = LocalMetastore.of(System.getenv(), work);
        HiveCatalog catalog = new HiveCatalog(() -> HiveProfiles.load(file), metastore);
        SparkClusters spark = new SparkClusters(SparkDefaults.lazy(environment, work), KernelIdentity.ofThisProcess("bench"),
                new ReplShipping(work, List::of, (c, v) -> null), Thread.currentThread().getThreadGroup(), work, url -> {
                    throw new IllegalStateException("no Kubernetes in this bench");
                }, catalog);
        HiveMagic magic = new HiveMagic(spark, catalog, () -> HiveProfiles.load(file), new NotebookTables(Clock.systemUTC()),
                new HiveOutputs(Files.createDirectories(work.resolve("out")), work.resolve("kept")), 1_000_000, Map.of());
        String query = "SELECT id, id % 97 AS bucket, CAST(id AS DOUBLE) / 7 AS x, concat('ride-', CAST(id % 1000 AS STRING)) AS s "
                + "FROM range(" + rows + ")";
        SparkSession session = spark.session();
        ours(magic, query, work, "warm");
        theirs(session, query, work, "warm-spark");
        for (int i = 0; i < repeat; i++) {
            System.out.printf("{\"mode\": \"ours\", \"seconds\": %.4f}%n", ours(magic, query, work, "o" + i));
            System.out.printf("{\"mode\": \"spark\", \"seconds\": %.4f}%n", theirs(session, query, work, "s" + i));
        }
        // The per-cell clusters read a Hive table, as a %%hive cell does, so both paths pay for the Hive client.
        magic.run(MagicArgumentParser.parse(magic.spec(), ""), "CREATE DATABASE IF NOT EXISTS bench;\n"
                + "DROP TABLE IF EXISTS bench.rides;\nCREATE TABLE bench.rides STORED AS PARQUET AS "
                + "SELECT id, id % 7 AS bucket, CAST(id AS DOUBLE) / 3 AS km FROM range(100000)", new RecordingMagicContext());
        spark.shutdown();
        if (clusterRepeat > 0) {
            perCellCluster(work, metastore, clusterWarmUps, clusterRepeat, clusterExecutors);
        }
        System.exit(0);
    }

    /**
     * A %%hive cell with a cluster of its own (start, query, write, release) beside the same work in a
     * Spark.kubernetes() try block, on the Kubernetes fixture: the cell's overhead over doing it by hand.
     */
    private static void perCellCluster(Path work, LocalMetastore metastore, int warmUps, int repeat, int executors)
            throws Exception {
        Path profiles = work.resolve("k8s-profiles.yaml");
        Files.writeString(profiles, "hive:\n  profiles:\n    fixture: {shared_output: true}\n");
        ProfilesFile file = ProfilesFile.of(Map.of(ProfilesFile.ENV_PROFILES_FILE, profiles.toString()), work);
        HiveCatalog catalog = new HiveCatalog(() -> HiveProfiles.load(file), metastore);
        try (MockKubernetes kubernetes = MockKubernetes.start();
             LocalKubelet kubelet = LocalKubelet.forTestJvm(kubernetes.client(), "default")) {
            Settings k8s = KubernetesSettings.defaults().with(KubernetesSettings.MASTER, "k8s://" + kubernetes.url())
                    .with(KubernetesSettings.IMAGE, "kindling/executor:bench").with(KubernetesSettings.MEMORY, MemorySize.parse("memory", "512m"))
                    .with(KubernetesSettings.CONF, Map.of("spark.ui.enabled", "false"));
            SparkDefaults defaults = new SparkDefaults(Optional.of(1), Map.of("spark.ui.enabled", "false"), k8s);
            SparkClusters spark = new SparkClusters(() -> defaults, KernelIdentity.ofThisProcess("bench"),
                    new ReplShipping(work, List::of, (c, v) -> null), Thread.currentThread().getThreadGroup(), work,
                    u -> new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(u)
                            .withHttp2Disable(true).build()).build(), catalog);
            HiveMagic magic = new HiveMagic(spark, catalog, () -> HiveProfiles.load(file), new NotebookTables(Clock.systemUTC()),
                    new HiveOutputs(Files.createDirectories(work.resolve("k8s-out")), work.resolve("kept")), 1_000, Map.of());
            String query = "SELECT * FROM bench.rides WHERE bucket < 5";
            for (int i = -warmUps; i < repeat; i++) {
                long began = System.nanoTime();
                String options = "t --profile fixture --executors " + executors + " --out " + work.resolve("kc" + i);
                magic.run(MagicArgumentParser.parse(magic.spec(), options), query, new RecordingMagicContext());
                double ours = (System.nanoTime() - began) / 1e9;
                kubelet.awaitNoRunningJvms(Duration.ofSeconds(60));
                began = System.nanoTime();
                try (SparkCluster cluster = spark.kubernetes().executors(executors).start()) {
                    cluster.session().sql(query).write().parquet(work.resolve("ks" + i).toUri().toString());
                }
                double theirs = (System.nanoTime() - began) / 1e9;
                kubelet.awaitNoRunningJvms(Duration.ofSeconds(60));
                if (i >= 0) {
                    System.out.printf("{\"mode\": \"cell-cluster\", \"seconds\": %.4f, \"baseline\": %.4f}%n", ours, theirs);
                }
            }
            spark.shutdown();
        }
    }

    private static double ours(HiveMagic magic, String query, Path work, String name) {
        long started = System.nanoTime();
        magic.run(MagicArgumentParser.parse(magic.spec(), "t --out " + work.resolve(name)), query, new RecordingMagicContext());
        return (System.nanoTime() - started) / 1e9;
    }

    private static double theirs(SparkSession session, String query, Path work, String name) {
        long started = System.nanoTime();
        session.sql(query).write().parquet(work.resolve(name).toUri().toString());
        return (System.nanoTime() - started) / 1e9;
    }
}
