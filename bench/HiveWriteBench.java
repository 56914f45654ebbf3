import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.hive.HiveCatalog;
import io.kindling.magics.hive.HiveMagic;
import io.kindling.magics.hive.HiveOutputs;
import io.kindling.magics.hive.HiveProfiles;
import io.kindling.magics.hive.LocalMetastore;
import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.RecordingMagicContext;
import io.kindling.magics.spark.KernelIdentity;
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

/**
 * %%hive SELECT-to-Parquet beside the hand-written spark.sql(...).write().parquet(...) of the same
 * query, in the same local session with Hive support, alternating, after a warm-up of each. Both
 * write every row; %%hive also stages and renames, reads the files' footers and a 20-row preview,
 * and binds the handle. Prints one JSON object per run. Run through bench/run. Args: rows, repetitions.
 */
public class HiveWriteBench {
    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        int repeat = Integer.parseInt(args[1]);
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
                new HiveOutputs(Files.createDirectories(work.resolve("out")), work.resolve("kept")), 1_000_000);
        String query = "SELECT id, id % 97 AS bucket, CAST(id AS DOUBLE) / 7 AS x, concat('ride-', CAST(id % 1000 AS STRING)) AS s "
                + "FROM range(" + rows + ")";
        SparkSession session = spark.session();
        ours(magic, query, work, "warm");
        theirs(session, query, work, "warm");
        for (int i = 0; i < repeat; i++) {
            System.out.printf("{\"mode\": \"ours\", \"seconds\": %.4f}%n", ours(magic, query, work, "o" + i));
            System.out.printf("{\"mode\": \"spark\", \"seconds\": %.4f}%n", theirs(session, query, work, "s" + i));
        }
        spark.shutdown();
        System.exit(0);
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
