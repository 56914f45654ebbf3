package io.kindling.magics.presto;

import io.kindling.magics.config.ProfileSection;
import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.config.Secret;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.MagicError;

import java.net.URI;
import java.nio.file.Path;
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

    private static final Set<String> SECTION_KEYS = Set.of("default", "profiles");
    private static final Set<String> KEYS = Set.of("server", "catalog", "schema", "user", "source", "client_tags",
            "session", "ssl", "ssl_verification", "password_env", "password_file", "access_token_env", "access_token_file");

    public TrinoProfiles {
        profiles = Map.copyOf(profiles);
        requireNonNull(defaultName, "defaultName is null");
        requireNonNull(origin, "origin is null");
    }

    /** Reads the profiles file named by the environment (or the default path) and the environment profile. */
    public static TrinoProfiles load(Map<String, String> environment, Path home) {
        return load(ProfilesFile.of(environment, home), environment);
    }

    /** Reads the {@code presto:} section of {@code file} as it is now, and the environment profile. */
    public static TrinoProfiles load(ProfilesFile file, Map<String, String> environment) {
        ProfileSection presto = file.section("presto").checkKeys(SECTION_KEYS);
        Map<String, TrinoProfile> profiles = new LinkedHashMap<>();
        ProfileSection named = presto.section("profiles");
        for (String name : named.keys()) {
            profiles.put(name, parse(name, named.section(name), environment));
        }
        Optional<String> defaultName = presto.text("default");
        Optional.ofNullable(environment.get(ENV_SERVER)).filter(s -> !s.isBlank()).ifPresent(server ->
                profiles.putIfAbsent(ENV_PROFILE, new TrinoProfile(ENV_PROFILE, serverUri(ENV_PROFILE, server),
                        Optional.ofNullable(environment.get(ENV_CATALOG)), Optional.ofNullable(environment.get(ENV_SCHEMA)),
                        environment.getOrDefault(ENV_USER, defaultUser(environment)), "kindling", List.of(), Map.of(),
                        server.startsWith("https:"), Optional.empty(), Optional.empty(), Optional.empty())));
        if (defaultName.isPresent() && !profiles.containsKey(defaultName.get())) {
            throw presto.error("default", "names '" + defaultName.get() + "', which is not among the profiles "
                    + profiles.keySet() + CloseNames.hint(defaultName.get(), profiles.keySet(), ""));
        }
        if (defaultName.isEmpty() && !profiles.isEmpty()) {
            defaultName = Optional.of(profiles.containsKey(ENV_PROFILE) ? ENV_PROFILE : profiles.keySet().iterator().next());
        }
        return new TrinoProfiles(profiles, defaultName, file.path().toString());
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

    private static TrinoProfile parse(String name, ProfileSection node, Map<String, String> environment) {
        Optional<Secret> password = node.secret("password");
        Optional<Secret> token = node.secret("access_token");
        node.checkKeys(KEYS);
        String server = node.text("server").orElseThrow(() -> node.error("needs a server, e.g. server: http://host:8080"));
        URI uri;
        try {
            uri = serverUri(name, server);
        } catch (MagicError e) {
            throw node.error("server", "'" + server + "' is not an http(s)://host:port address");
        }
        if (node.text("schema").isPresent() && node.text("catalog").isEmpty()) {
            throw node.error("schema", "a schema needs a catalog: add catalog: beside it");
        }
        return new TrinoProfile(name, uri, node.text("catalog"), node.text("schema"),
                node.text("user").orElse(defaultUser(environment)), node.text("source").orElse("kindling"),
                node.texts("client_tags"), node.strings("session"), node.bool("ssl").orElse(server.startsWith("https:")),
                node.text("ssl_verification"), password, token);
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
