package io.kindling.magics.config;

import io.kindling.magics.presto.TrinoProfiles;
import io.kindling.magics.spark.KubernetesSettings;
import io.kindling.magics.spark.SparkDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One profiles file, two engines: a mistake in one engine's section leaves the other working. */
class SectionIsolationTest {
    private static final String PRESTO = """
            presto:
              profiles:
                warehouse:
                  server: http://trino:8080
            """;
    private static final String SPARK = """
            spark:
              kubernetes:
                executors: 4
            """;

    @TempDir
    Path dir;

    private Map<String, String> environment(String yaml) throws IOException {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, yaml);
        return Map.of(ProfilesFile.ENV_PROFILES_FILE, file.toString());
    }

    @Test
    void aBadSparkSectionLeavesPrestoWorking() throws IOException {
        Map<String, String> environment = environment(PRESTO + SPARK.replace("executors", "executorz"));

        assertThat(TrinoProfiles.load(environment, dir).resolve(Optional.empty()).server().toString()).isEqualTo("http://trino:8080");
        assertThatThrownBy(() -> SparkDefaults.load(environment, dir))
                .hasMessageStartingWith(dir.resolve("profiles.yaml") + ":7:5: spark.kubernetes.executorz: unknown setting 'executorz'"
                        + " (did you mean executors?)");
    }

    @Test
    void aBadPrestoSectionLeavesSparkWorking() throws IOException {
        Map<String, String> environment = environment(PRESTO.replace("server:", "sever:") + SPARK);

        assertThat(SparkDefaults.load(environment, dir).kubernetes().get(KubernetesSettings.EXECUTORS)).isEqualTo(4);
        assertThatThrownBy(() -> TrinoProfiles.load(environment, dir))
                .hasMessageStartingWith(dir.resolve("profiles.yaml") + ":4:7: presto.profiles.warehouse.sever: unknown setting 'sever'"
                        + " (did you mean server?)");
    }

    @Test
    void prestoErrorsNameTheLineOfTheProfile() throws IOException {
        Map<String, String> environment = environment("presto:\n  default: wharehouse\n" + PRESTO.substring("presto:\n".length()));
        assertThatThrownBy(() -> TrinoProfiles.load(environment, dir))
                .hasMessage(dir.resolve("profiles.yaml") + ":2:3: presto.default: names 'wharehouse', which is not among the"
                        + " profiles [warehouse] (did you mean warehouse?)");

        Map<String, String> noServer = environment("presto:\n  profiles:\n    p:\n      user: a\n");
        assertThatThrownBy(() -> TrinoProfiles.load(noServer, dir))
                .hasMessage(dir.resolve("profiles.yaml") + ":3:5: presto.profiles.p: needs a server, e.g. server: http://host:8080");

        Map<String, String> noCatalog = environment("presto:\n  profiles:\n    p:\n      server: http://h:1\n      schema: tiny\n");
        assertThatThrownBy(() -> TrinoProfiles.load(noCatalog, dir))
                .hasMessage(dir.resolve("profiles.yaml") + ":5:7: presto.profiles.p.schema: a schema needs a catalog: add catalog: beside it");
    }
}
