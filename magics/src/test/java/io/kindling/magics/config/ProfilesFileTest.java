package io.kindling.magics.config;

import io.kindling.magics.magic.MagicError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfilesFileTest {
    @TempDir
    Path dir;

    private ProfilesFile write(String yaml) throws IOException {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, yaml);
        return new ProfilesFile(file);
    }

    private String file() {
        return dir.resolve("profiles.yaml").toString();
    }

    @Test
    void unknownKeyNamesFileLineColumnPathAndTheCloseName() throws IOException {
        ProfilesFile profiles = write("""
                # comment lines count too
                spark:
                  kubernetes:
                    image: x
                    executorz: 4
                """);
        assertThatThrownBy(() -> profiles.section("spark").section("kubernetes").checkKeys(List.of("image", "executors")))
                .isInstanceOf(MagicError.class)
                .satisfies(e -> assertThat(((MagicError) e).errorName()).isEqualTo("BAD_PROFILE"))
                .hasMessage(file() + ":5:5: spark.kubernetes.executorz: unknown setting 'executorz' (did you mean executors?);"
                        + " known settings: executors, image");
    }

    @Test
    void typedReadsFailAtTheValuesLine() throws IOException {
        ProfilesFile profiles = write("""
                hive:
                  cores: two
                  timeout: 0s
                  memory: 1x
                  conf: [a, b]
                  name: {nested: 1}
                  flag: maybe
                """);
        ProfileSection hive = profiles.section("hive");
        assertThatThrownBy(() -> hive.positiveInt("cores")).hasMessage(file() + ":2:3: hive.cores must be a positive whole number, got 'two'");
        assertThatThrownBy(() -> hive.duration("timeout")).hasMessage(file() + ":3:3: hive.timeout must be positive, got '0s'");
        assertThatThrownBy(() -> hive.memory("memory")).hasMessage(file() + ":4:3: hive.memory '1x' is not a memory size:"
                + " use a number with k, m, g or t, e.g. 4g or 512m");
        assertThatThrownBy(() -> hive.strings("conf")).hasMessage(file() + ":5:3: hive.conf: must be a mapping of settings"
                + " (key: value lines), got a list");
        assertThatThrownBy(() -> hive.text("name")).hasMessage(file() + ":6:3: hive.name: must be a single value, got a mapping");
        assertThatThrownBy(() -> hive.bool("flag")).hasMessage(file() + ":7:3: hive.flag must be true or false, got 'maybe'");
    }

    @Test
    void typedReadsReturnValuesAndEmptyForAbsentKeys() throws IOException {
        ProfilesFile profiles = write("""
                hive:
                  cores: 4
                  timeout: 3m
                  memory: 2g
                  conf: {spark.sql.shuffle.partitions: 8, b: true}
                  tags: [x, y]
                  template: pods/executor.yaml
                """);
        ProfileSection hive = profiles.section("hive");
        assertThat(hive.positiveInt("cores")).contains(4);
        assertThat(hive.duration("timeout")).contains(Duration.ofMinutes(3));
        assertThat(hive.memory("memory")).contains(new MemorySize(2048));
        assertThat(hive.strings("conf")).isEqualTo(Map.of("spark.sql.shuffle.partitions", "8", "b", "true"));
        assertThat(hive.texts("tags")).containsExactly("x", "y");
        assertThat(hive.path("template")).contains(dir.resolve("pods/executor.yaml").toAbsolutePath());
        assertThat(hive.positiveInt("absent")).isEmpty();
        assertThat(hive.strings("absent")).isEmpty();
        assertThat(profiles.section("presto").isPresent()).isFalse();
        assertThat(profiles.section("presto").section("profiles").keys()).isEmpty();
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() throws IOException {
        ProfilesFile profiles = write("""
                presto:
                  default: a
                spark:
                  kubernetes: {executors: 4
                """);
        assertThatThrownBy(() -> profiles.section("presto"))
                .isInstanceOf(MagicError.class)
                .hasMessage(file() + ":5:1: the YAML is malformed: expected ',' or '}', but got <stream end>"
                        + " (while parsing a flow mapping that starts on line 4:15)");
        ProfilesFile tabs = write("spark:\n\tlocal: {}\n");
        assertThatThrownBy(() -> tabs.section("spark"))
                .hasMessage(file() + ":2:1: the YAML is malformed: found character '\\t(TAB)' that cannot start any token."
                        + " (Do not use \\t(TAB) for indentation)");
    }

    @Test
    void keysSetTwiceAreRefusedWithBothLines() throws IOException {
        ProfilesFile profiles = write("spark:\n  local:\n    cores: 1\n    cores: 2\n");
        assertThatThrownBy(() -> profiles.section("spark"))
                .hasMessage(file() + ":4:5: spark.local.cores is set twice (first on line 3)");
    }

    @Test
    void aSectionThatIsNoMappingFailsOnlyItsReaders() throws IOException {
        ProfilesFile profiles = write("spark: 4\npresto:\n  default: a\n");
        assertThatThrownBy(() -> profiles.section("spark"))
                .hasMessage(file() + ":1:1: spark: must be a mapping of settings (key: value lines), got '4'");
        assertThat(profiles.section("presto").text("default")).contains("a");
    }

    @Test
    void aMissingFileReadsAsEmpty() {
        ProfilesFile profiles = new ProfilesFile(dir.resolve("none.yaml"));
        assertThat(profiles.section("spark").isPresent()).isFalse();
        assertThat(profiles.section("spark").checkKeys(Set.of()).keys()).isEmpty();
    }

    @Test
    void theFileIsReadAgainOnceItIsFixedEvenAtTheSameSize() throws IOException {
        ProfilesFile profiles = write("spark:\n  local:\n    corez: 2\n");
        assertThatThrownBy(() -> profiles.section("spark").section("local").checkKeys(Set.of("cores")))
                .hasMessageStartingWith(file() + ":3:5: spark.local.corez: unknown setting 'corez' (did you mean cores?)");
        write("spark:\n  local:\n    cores: 2\n");
        assertThat(profiles.section("spark").section("local").checkKeys(Set.of("cores")).positiveInt("cores")).contains(2);
        write("spark: [\n");
        assertThatThrownBy(() -> profiles.section("spark")).hasMessageContaining("the YAML is malformed");
        write("spark:\n  local:\n    cores: 3\n");
        assertThat(profiles.section("spark").section("local").positiveInt("cores")).contains(3);
    }

    @Test
    void theEnvironmentNamesTheFile() {
        assertThat(ProfilesFile.of(Map.of(ProfilesFile.ENV_PROFILES_FILE, "/etc/k.yaml"), dir).path()).isEqualTo(Path.of("/etc/k.yaml"));
        assertThat(ProfilesFile.of(Map.of(), dir).path()).isEqualTo(dir.resolve(".kindling/profiles.yaml"));
    }
}
