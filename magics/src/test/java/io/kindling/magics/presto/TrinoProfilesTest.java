package io.kindling.magics.presto;

import io.kindling.magics.config.Secret;
import io.kindling.magics.magic.MagicError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrinoProfilesTest {
    @TempDir
    Path home;

    private void write(String yaml) throws IOException {
        Files.createDirectories(home.resolve(".kindling"));
        Files.writeString(home.resolve(".kindling/profiles.yaml"), yaml);
    }

    @Test
    void readsProfilesWithDefaultsAndSecretReferences() throws IOException {
        write("""
                presto:
                  default: warehouse
                  profiles:
                    warehouse:
                      server: https://trino.example.com:8443
                      catalog: hive
                      schema: rides
                      user: alice
                      client_tags: [ml, adhoc]
                      session: {query_max_run_time: 10m}
                      password_env: TRINO_PASSWORD
                    local:
                      server: 127.0.0.1:8080
                """);

        TrinoProfiles profiles = TrinoProfiles.load(Map.of("USER", "bob"), home);
        TrinoProfile warehouse = profiles.resolve(Optional.empty());

        assertThat(warehouse.name()).isEqualTo("warehouse");
        assertThat(warehouse.ssl()).isTrue();
        assertThat(warehouse.clientTags()).containsExactly("ml", "adhoc");
        assertThat(warehouse.sessionProperties()).containsEntry("query_max_run_time", "10m");
        assertThat(warehouse.describe()).isEqualTo(
                "warehouse: alice@https://trino.example.com:8443 hive.rides, password <from environment variable TRINO_PASSWORD>");
        TrinoProfile local = profiles.resolve(Optional.of("local"));
        assertThat(local.server().toString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(local.user()).isEqualTo("bob");
        assertThat(TrinoConnector.jdbcUrl(warehouse)).isEqualTo("jdbc:trino://trino.example.com:8443/hive/rides");
    }

    @Test
    void inlineSecretsAreRefused() throws IOException {
        write("presto:\n  profiles:\n    p:\n      server: http://h:1\n      password: hunter2\n");

        assertThatThrownBy(() -> TrinoProfiles.load(Map.of(), home))
                .isInstanceOf(MagicError.class)
                .hasMessage(home.resolve(".kindling/profiles.yaml") + ":5:7: presto.profiles.p.password: secrets are never written in"
                        + " the profiles file; use password_env (an environment variable) or password_file (a file readable only by you)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unknownSettingsAndProfilesGetHints() throws IOException {
        write("presto:\n  profiles:\n    prod:\n      server: http://h:1\n      catalg: hive\n");
        assertThatThrownBy(() -> TrinoProfiles.load(Map.of(), home)).hasMessageStartingWith(home.resolve(".kindling/profiles.yaml")
                + ":5:7: presto.profiles.prod.catalg: unknown setting 'catalg' (did you mean catalog?); known settings: access_token_env,");

        write("presto:\n  profiles:\n    prod:\n      server: http://h:1\n");
        assertThatThrownBy(() -> TrinoProfiles.load(Map.of(), home).resolve(Optional.of("prd")))
                .hasMessageContaining("there is no Trino profile 'prd' (did you mean prod?)");
    }

    @Test
    void environmentDefinesAProfileWhenThereIsNoFile() {
        TrinoProfiles profiles = TrinoProfiles.load(Map.of(TrinoProfiles.ENV_SERVER, "http://127.0.0.1:9999",
                TrinoProfiles.ENV_CATALOG, "tpch", TrinoProfiles.ENV_SCHEMA, "tiny", TrinoProfiles.ENV_USER, "carol"), home);

        TrinoProfile profile = profiles.resolve(Optional.empty());
        assertThat(profile.name()).isEqualTo("env");
        assertThat(TrinoConnector.jdbcUrl(profile)).isEqualTo("jdbc:trino://127.0.0.1:9999/tpch/tiny");
        assertThat(profile.user()).isEqualTo("carol");
    }

    @Test
    void noProfileAtAllSaysHowToConfigureOne() {
        assertThatThrownBy(() -> TrinoProfiles.load(Map.of(), home).resolve(Optional.empty()))
                .hasMessageContaining("no Trino profile is configured: set KINDLING_TRINO_URL");
    }

    @Test
    void secretsAreReadFromTheirSourceOnlyWhenNeeded() throws IOException {
        Path token = home.resolve("token");
        Files.writeString(token, "  s3cret\n");

        assertThat(Secret.fromFile(token).reveal(Map.of())).isEqualTo("s3cret");
        assertThat(Secret.fromFile(token).toString()).doesNotContain("s3cret");
        assertThat(Secret.fromEnvironment("T").reveal(Map.of("T", "abc"))).isEqualTo("abc");
        assertThatThrownBy(() -> Secret.fromEnvironment("MISSING").reveal(Map.of()))
                .hasMessage("environment variable MISSING is not set");
    }
}
