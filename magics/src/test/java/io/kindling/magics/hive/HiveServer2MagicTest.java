package io.kindling.magics.hive;

import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.hive.jdbc.LocalHiveServer2;
import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.RecordingMagicContext;
import io.kindling.magics.spark.KernelIdentity;
import io.kindling.magics.spark.ReplShipping;
import io.kindling.magics.spark.SparkClusters;
import io.kindling.magics.spark.SparkDefaults;
import io.kindling.magics.table.NotebookTables;
import io.kindling.magics.table.ParquetTable;
import org.dflib.DataFrame;
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

/** {@code %%hive} with a profile that names a HiveServer2: the real local one (Hive 4.0.1 in its own JVM). */
class HiveServer2MagicTest {
    @TempDir
    static Path dir;
    private static SparkClusters spark;
    private static LocalMetastore metastore;
    private static HiveMagic magic;

    @BeforeAll
    static void start() throws Exception {
        Path profiles = dir.resolve("profiles.yaml");
        Files.writeString(profiles, """
                spark:
                  local: {cores: 1, conf: {spark.ui.enabled: "false"}}
                hive:
                  profiles:
                    server:
                      url: %s
                      user: kindling-test
                    down:
                      url: jdbc:hive2://127.0.0.1:1/default
                """.formatted(LocalHiveServer2.jdbcUrl()));
        Map<String, String> environment = Map.of(ProfilesFile.ENV_PROFILES_FILE, profiles.toString());
        ProfilesFile file = ProfilesFile.of(environment, dir);
        metastore = new LocalMetastore(dir.resolve("hive"), LocalMetastore.thisJava(), Duration.ofMinutes(3));
        HiveCatalog catalog = new HiveCatalog(() -> HiveProfiles.load(file), metastore);
        spark = new SparkClusters(SparkDefaults.lazy(environment, dir), KernelIdentity.ofThisProcess("hs2-test"),
                new ReplShipping(dir, List::of, (c, v) -> null), Thread.currentThread().getThreadGroup(), dir, url -> {
                    throw new AssertionError("no Kubernetes in this test");
                }, catalog);
        magic = new HiveMagic(spark, catalog, () -> HiveProfiles.load(file), new NotebookTables(Clock.systemUTC()),
                new HiveOutputs(Files.createDirectories(dir.resolve("outputs")), dir.resolve("kept")), 1_000, Map.of());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.shutdown();
        }
        if (metastore != null) {
            metastore.stop();
        }
    }

    private static Optional<Object> run(String line, String body, RecordingMagicContext context) {
        return magic.run(MagicArgumentParser.parse(magic.spec(), line), body, context);
    }

    @Test
    void statementsRunOnTheServerAndTheLastResultIsBoundOrWrittenToParquet() {
        run("--profile server", """
                CREATE DATABASE IF NOT EXISTS kindling_magic;
                DROP TABLE IF EXISTS kindling_magic.trips;
                CREATE TABLE kindling_magic.trips (id INT, city STRING) STORED AS PARQUET;
                INSERT INTO kindling_magic.trips VALUES (1, 'oslo'), (2, 'lima'), (3, 'oslo')
                """, new RecordingMagicContext());

        RecordingMagicContext select = new RecordingMagicContext();
        run("trips --profile server", "SELECT id, city FROM kindling_magic.trips WHERE city = 'oslo' ORDER BY id", select);
        DataFrame trips = (DataFrame) select.bindings().get(0).value();
        assertThat(trips.getColumn("id").toList()).containsExactly(1, 3);

        Path out = dir.resolve("trips-out");
        RecordingMagicContext written = new RecordingMagicContext();
        run("all --profile server --out " + out, "SELECT id, city FROM kindling_magic.trips", written);
        ParquetTable handle = (ParquetTable) written.bindings().get(0).value();
        assertThat(handle.rows()).isEqualTo(3);
        assertThat(handle.dataset(spark.session()).filter("city = 'lima'").count()).isEqualTo(1);
    }

    @Test
    void aServerErrorNamesTheCellLineAndAServerThatIsDownNamesItsAddress() {
        assertThatThrownBy(() -> run("x --profile server", "SELECT 1;\nSELECT * FROM kindling_magic.nope", new RecordingMagicContext()))
                .isInstanceOf(MagicError.class)
                .satisfies(e -> {
                    MagicError error = (MagicError) e;
                    assertThat(error.errorName()).isEqualTo("TABLE_NOT_FOUND");
                    assertThat(error.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(3));
                    assertThat(error.details().get(0)).isEqualTo("SELECT * FROM kindling_magic.nope");
                });
        assertThatThrownBy(() -> run("x --profile down", "SELECT 1", new RecordingMagicContext()))
                .isInstanceOf(MagicError.class).hasMessageContaining("127.0.0.1:1");
    }
}
