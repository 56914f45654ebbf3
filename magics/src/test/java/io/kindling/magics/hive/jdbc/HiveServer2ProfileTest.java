package io.kindling.magics.hive.jdbc;

import io.kindling.magics.config.ProfileSection;
import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.magic.MagicError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveServer2ProfileTest {
    @TempDir
    Path dir;

    private Path file;

    /** The node of profile {@code name} under {@code hive.profiles} of a profiles file holding {@code yaml}. */
    private ProfileSection profile(String yaml, String name) throws IOException {
        file = dir.resolve("profiles.yaml");
        Files.writeString(file, yaml);
        return new ProfilesFile(file).section("hive").section("profiles").section(name);
    }

    @Test
    void readsAProfileWithConfAndAPasswordReference() throws IOException {
        ProfileSection node = profile("""
                hive:
                  profiles:
                    warehouse:
                      url: jdbc:hive2://hive.example.com:10000/rides;transportMode=binary
                      user: alice
                      password_env: HIVE_PASSWORD
                      conf:
                        hive.exec.dynamic.partition.mode: nonstrict
                        hive.exec.max.dynamic.partitions: 5000
                      fetch_size: 5000
                """, "warehouse");

        HiveServer2Profile profile = HiveServer2Profile.parse("warehouse", node, Map.of("USER", "bob"));

        assertThat(profile.url()).isEqualTo("jdbc:hive2://hive.example.com:10000/rides;transportMode=binary");
        assertThat(profile.address()).isEqualTo("hive.example.com:10000");
        assertThat(profile.user()).isEqualTo("alice");
        assertThat(profile.conf()).containsExactly(Map.entry("hive.exec.dynamic.partition.mode", "nonstrict"),
                Map.entry("hive.exec.max.dynamic.partitions", "5000"));
        assertThat(profile.fetchSize()).isEqualTo(5000);
        assertThat(profile.describe()).isEqualTo("warehouse: alice@jdbc:hive2://hive.example.com:10000/rides;transportMode=binary,"
                + " password <from environment variable HIVE_PASSWORD>");
    }

    @Test
    void defaultsUserAndFetchSize() throws IOException {
        ProfileSection node = profile("hive:\n  profiles:\n    kyuubi:\n      url: jdbc:kyuubi://[::1]:10009\n", "kyuubi");

        HiveServer2Profile profile = HiveServer2Profile.parse("kyuubi", node, Map.of("USER", "bob"));

        assertThat(profile.user()).isEqualTo("bob");
        assertThat(profile.fetchSize()).isEqualTo(HiveServer2Profile.DEFAULT_FETCH_SIZE);
        assertThat(profile.password()).isEmpty();
        assertThat(profile.address()).isEqualTo("[::1]:10009");
    }

    @Test
    void badUrlsFailWithTheirLine() throws IOException {
        ProfileSection trino = profile("hive:\n  profiles:\n    p:\n      user: a\n      url: jdbc:trino://h:8080\n", "p");
        assertThatThrownBy(() -> HiveServer2Profile.parse("p", trino, Map.of()))
                .isInstanceOf(MagicError.class)
                .hasMessage(file + ":5:7: hive.profiles.p.url: 'jdbc:trino://h:8080' is not a HiveServer2 JDBC URL: it must start"
                        + " with jdbc:hive2:// (or jdbc:kyuubi://), e.g. jdbc:hive2://host:10000/default")
                .satisfies(e -> assertThat(((MagicError) e).errorName()).isEqualTo("BAD_PROFILE"));

        ProfileSection noPort = profile("hive:\n  profiles:\n    p:\n      url: jdbc:hive2://h/default\n", "p");
        assertThatThrownBy(() -> HiveServer2Profile.parse("p", noPort, Map.of()))
                .hasMessage(file + ":4:7: hive.profiles.p.url: 'jdbc:hive2://h/default' names no port for h:"
                        + " write jdbc:hive2://h:10000/database");

        ProfileSection noHost = profile("hive:\n  profiles:\n    p:\n      url: jdbc:hive2://:10000/default\n", "p");
        assertThatThrownBy(() -> HiveServer2Profile.parse("p", noHost, Map.of())).hasMessageContaining("names no host");

        ProfileSection missing = profile("hive:\n  profiles:\n    p:\n      user: a\n", "p");
        assertThatThrownBy(() -> HiveServer2Profile.parse("p", missing, Map.of()))
                .hasMessage(file + ":3:5: hive.profiles.p: needs a url, e.g. url: jdbc:hive2://host:10000/default");
    }

    @Test
    void inlinePasswordsAreRefusedWithTheirLineAndNeverEchoed() throws IOException {
        ProfileSection inline = profile("hive:\n  profiles:\n    p:\n      url: jdbc:hive2://h:1/d\n      password: hunter2\n", "p");
        assertThatThrownBy(() -> HiveServer2Profile.parse("p", inline, Map.of()))
                .hasMessage(file + ":5:7: hive.profiles.p.password: secrets are never written in the profiles file;"
                        + " use password_env (an environment variable) or password_file (a file readable only by you)")
                .hasMessageNotContaining("hunter2");

        ProfileSection inUrl = profile("hive:\n  profiles:\n    p:\n      url: jdbc:hive2://h:1/d;user=a;password=hunter2\n", "p");
        assertThatThrownBy(() -> HiveServer2Profile.parse("p", inUrl, Map.of()))
                .hasMessage(file + ":4:7: hive.profiles.p.url: a password in the URL would sit in the profiles file;"
                        + " use password_env (an environment variable) or password_file (a file readable only by you)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theSecretIsNeverPrinted() throws IOException {
        Path secret = dir.resolve("hive-password");
        Files.writeString(secret, "s3cr3t-value\n");
        ProfileSection node = profile("hive:\n  profiles:\n    p:\n      url: jdbc:hive2://h:1/d\n      password_file: hive-password\n", "p");

        HiveServer2Profile profile = HiveServer2Profile.parse("p", node, Map.of());

        assertThat(profile.password().orElseThrow().reveal(Map.of())).isEqualTo("s3cr3t-value");
        assertThat(profile.toString()).doesNotContain("s3cr3t").contains("<from file " + secret + ">");
        assertThat(profile.describe()).doesNotContain("s3cr3t");
    }

    @Test
    void unknownKeysAndBadConfAreLocated() throws IOException {
        ProfileSection typo = profile("hive:\n  profiles:\n    p:\n      url: jdbc:hive2://h:1/d\n      fetchsize: 10\n", "p");
        assertThatThrownBy(() -> HiveServer2Profile.parse("p", typo, Map.of()))
                .hasMessageStartingWith(file + ":5:7: hive.profiles.p.fetchsize: unknown setting 'fetchsize' (did you mean fetch_size?)");

        ProfileSection conf = profile("hive:\n  profiles:\n    p:\n      url: jdbc:hive2://h:1/d\n      conf:\n        \"a b\": 1\n", "p");
        assertThatThrownBy(() -> HiveServer2Profile.parse("p", conf, Map.of()))
                .hasMessage(file + ":6:9: hive.profiles.p.conf.a b: 'a b' is not a setting name (letters, digits, . _ - :)");

        ProfileSection fetch = profile("hive:\n  profiles:\n    p:\n      url: jdbc:hive2://h:1/d\n      fetch_size: 0\n", "p");
        assertThatThrownBy(() -> HiveServer2Profile.parse("p", fetch, Map.of())).hasMessageStartingWith(file + ":5:7: ");
    }
}
