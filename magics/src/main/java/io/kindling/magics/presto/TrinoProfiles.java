package io.kindling.magics.presto;

import io.kindling.magics.magic.ErrorName;
import com.fasterxml.jackson.databind.JsonNode;
import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.MagicError;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The Trino profiles a notebook can use: the {@code presto:} section of the profiles file
 * ({@code ~/.kindling/profiles.yaml}, or {@code $KINDLING_PROFILES}) plus one profile from environment
 * variables. Passwords and tokens are only ever referenced (an environment variable or a file):
 * <pre>
 * presto:
 *   default: warehouse
 *   profiles:
 *     warehouse:
 *       server: https://trino.example.com:8443
 *       catalog: hive
 *       schema: rides
 *       user: alice
 *       password_env: TRINO_PASSWORD
 *       session: {query_max_run_time: 10m}
 * </pre>
 */
public record TrinoProfiles(Map<String, TrinoProfile> profiles, Optional<String> defaultName, String origin) {
    /** Environment variables that define the {@value #ENV_PROFILE} profile. */
    public static final String ENV_SERVER = "KINDLING_TRINO_URL";
    public static final String ENV_USER = "KINDLING_TRINO_USER";
    public static final String ENV_CATALOG = "KINDLING_TRINO_CATALOG";
    public static final String ENV_SCHEMA = "KINDLING_TRINO_SCHEMA";
    public static final String ENV_PROFILES_FILE = ProfilesFile.ENV_PROFILES_FILE;
    static final String ENV_PROFILE = "env";

    private static final Set<String> KEYS = Set.of("server", "catalog", "schema", "user", "source", "client_tags",
            "session", "ssl", "ssl_verification", "password_env", "password_file", "access_token_env", "access_token_file");

    public TrinoProfiles {
        profiles = Map.copyOf(profiles);
        requireNonNull(defaultName, "defaultName is null");
        requireNonNull(origin, "origin is null");
    }

    /** Reads the profiles file named by the environment (or the default path) and the environment profile. */
    public static TrinoProfiles load(Map<String, String> environment, Path home) {
        ProfilesFile profilesFile = ProfilesFile.load(environment, home);
        Path file = profilesFile.path();
        Map<String, TrinoProfile> profiles = new LinkedHashMap<>();
        Optional<String> defaultName = Optional.empty();
        if (Files.isRegularFile(file)) {
            JsonNode presto = profilesFile.section("presto");
            defaultName = Optional.ofNullable(presto.get("default")).map(JsonNode::asText);
            Iterator<Map.Entry<String, JsonNode>> entries = presto.path("profiles").fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                profiles.put(entry.getKey(), parse(entry.getKey(), entry.getValue(), file, environment));
            }
        }
        Optional.ofNullable(environment.get(ENV_SERVER)).filter(s -> !s.isBlank()).ifPresent(server ->
                profiles.putIfAbsent(ENV_PROFILE, new TrinoProfile(ENV_PROFILE, serverUri(ENV_PROFILE, server),
                        Optional.ofNullable(environment.get(ENV_CATALOG)), Optional.ofNullable(environment.get(ENV_SCHEMA)),
                        environment.getOrDefault(ENV_USER, defaultUser(environment)), "kindling", List.of(), Map.of(),
                        server.startsWith("https:"), Optional.empty(), Optional.empty(), Optional.empty())));
        if (defaultName.isEmpty() && profiles.size() >= 1) {
            defaultName = Optional.of(profiles.containsKey(ENV_PROFILE) ? ENV_PROFILE : profiles.keySet().iterator().next());
        }
        if (defaultName.isPresent() && !profiles.containsKey(defaultName.get())) {
            throw new MagicError(ErrorName.BAD_PROFILE, file + ": presto.default names '" + defaultName.get()
                    + "', which is not among the profiles " + profiles.keySet());
        }
        return new TrinoProfiles(profiles, defaultName, file.toString());
    }

    /** The named profile, or the default one. */
    public TrinoProfile resolve(Optional<String> name) {
        if (profiles.isEmpty()) {
            throw new MagicError(ErrorName.NO_PROFILE, "no Trino profile is configured: set " + ENV_SERVER
                    + " (e.g. http://127.0.0.1:8080) or add a presto: section to " + origin);
        }
        String wanted = name.or(() -> defaultName).orElseThrow();
        TrinoProfile profile = profiles.get(wanted);
        if (profile == null) {
            throw new MagicError(ErrorName.BAD_PROFILE, "there is no Trino profile '" + wanted + "'"
                    + CloseNames.hint(wanted, profiles.keySet(), "") + "; known profiles: " + String.join(", ", profiles.keySet()));
        }
        return profile;
    }

    private static TrinoProfile parse(String name, JsonNode node, Path file, Map<String, String> environment) {
        String where = file + ": profile '" + name + "'";
        if (!node.isObject()) {
            throw new MagicError(ErrorName.BAD_PROFILE, where + " must be a mapping of settings");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equals("password") || key.equals("access_token")) {
                throw new MagicError(ErrorName.BAD_PROFILE, where + ": secrets are never written in the profiles file; use "
                        + key + "_env (an environment variable) or " + key + "_file (a file readable only by you)");
            }
            if (!KEYS.contains(key)) {
                throw new MagicError(ErrorName.BAD_PROFILE, where + ": unknown setting '" + key + "'" + CloseNames.hint(key, KEYS, ""));
            }
        }
        String server = text(node, "server").orElseThrow(() -> new MagicError(ErrorName.BAD_PROFILE, where + " needs a server, e.g. http://host:8080"));
        List<String> tags = new ArrayList<>();
        node.path("client_tags").forEach(t -> tags.add(t.asText()));
        Map<String, String> session = new LinkedHashMap<>();
        node.path("session").fields().forEachRemaining(e -> session.put(e.getKey(), e.getValue().asText()));
        Optional<Secret> password = secret(node, "password", file);
        Optional<Secret> token = secret(node, "access_token", file);
        return new TrinoProfile(name, serverUri(name, server), text(node, "catalog"), text(node, "schema"),
                text(node, "user").orElse(defaultUser(environment)), text(node, "source").orElse("kindling"),
                tags, session, node.path("ssl").asBoolean(server.startsWith("https:")), text(node, "ssl_verification"),
                password, token);
    }

    private static Optional<Secret> secret(JsonNode node, String key, Path file) {
        Optional<Secret> fromEnv = text(node, key + "_env").map(Secret::fromEnvironment);
        Optional<Secret> fromFile = text(node, key + "_file")
                .map(f -> f.startsWith("~/") ? Path.of(System.getProperty("user.home"), f.substring(2)) : file.resolveSibling(f))
                .map(Secret::fromFile);
        return fromEnv.or(() -> fromFile);
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static URI serverUri(String profile, String server) {
        String withScheme = server.contains("://") ? server : "http://" + server;
        URI uri = URI.create(withScheme);
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new MagicError(ErrorName.BAD_PROFILE, "profile '" + profile + "': server '" + server
                    + "' is not an http(s)://host:port address");
        }
        return uri;
    }

    private static String defaultUser(Map<String, String> environment) {
        return environment.getOrDefault("USER", System.getProperty("user.name", "kindling"));
    }
}
