package io.kindling.magics.spark;

import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.magic.MagicError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kernel builds {@link SparkClusters} at start; a wrong {@code spark:} section must only fail its uses. */
class SparkClustersSettingsTest {
    @TempDir
    Path dir;
    private SparkClusters clusters;

    @AfterEach
    void close() {
        if (clusters != null) {
            clusters.shutdown();
        }
    }

    @Test
    void aBadSparkSectionFailsEachUseUntilTheFileIsFixed() throws Exception {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, "spark:\n  kubernetes:\n    master: http://127.0.0.1:1\n    executorz: 4\n");
        clusters = new SparkClusters(SparkDefaults.lazy(Map.of(ProfilesFile.ENV_PROFILES_FILE, file.toString()), dir),
                KernelIdentity.ofThisProcess("alice"), new ReplShipping(dir, List::of, (c, v) -> null),
                Thread.currentThread().getThreadGroup(), dir, url -> {
                    throw new AssertionError("no client is opened in this test");
                }, SessionSettings.NONE);
        String expected = file + ":4:5: spark.kubernetes.executorz: unknown setting 'executorz' (did you mean executors?)";

        assertThatThrownBy(clusters::reapOrphans).isInstanceOf(MagicError.class).hasMessageStartingWith(expected);
        assertThatThrownBy(clusters::kubernetes).hasMessageStartingWith(expected);
        assertThatThrownBy(clusters::local).hasMessageStartingWith(expected);
        assertThatThrownBy(clusters::session).hasMessageStartingWith(expected);

        Files.writeString(file, "spark:\n  kubernetes:\n    master: http://127.0.0.1:1\n    executors: 4\n    image: exec:1\n");
        assertThat(clusters.kubernetes().spec().describe()).isEqualTo("kubernetes default, 4 executors × 1 cores, 1g");
        assertThat(clusters.local().master()).isEqualTo("local[*]");
    }

    @Test
    void kubernetesIsConfiguredWhenTheProfilesFileNamesAnApiServer() throws Exception {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, "spark:\n  local:\n    cores: 2\n");
        clusters = new SparkClusters(SparkDefaults.lazy(Map.of(ProfilesFile.ENV_PROFILES_FILE, file.toString()), dir),
                KernelIdentity.ofThisProcess("alice"), new ReplShipping(dir, List::of, (c, v) -> null),
                Thread.currentThread().getThreadGroup(), dir, url -> {
                    throw new AssertionError("no client is opened in this test");
                }, SessionSettings.NONE);

        assertThat(clusters.kubernetes().configured()).isFalse();

        Files.writeString(file, "spark:\n  kubernetes:\n    master: http://127.0.0.1:1\n");
        assertThat(clusters.kubernetes().configured()).isTrue();
    }
}
