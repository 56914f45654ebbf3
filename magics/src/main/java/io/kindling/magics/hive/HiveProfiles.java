package io.kindling.magics.hive;

import io.kindling.magics.config.ProfileSection;
import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.hive.jdbc.HiveServer2Profile;
import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The {@code hive:} section of the profiles file. Without one, every {@code %%hive} cell uses the
 * built-in {@value #LOCAL} profile: the machine's local metastore service and warehouse
 * ({@code ~/.kindling/hive}), on the notebook's Spark.
 * <pre>
 * hive:
 *   default: lake
 *   profiles:
 *     lake:                                  # Hive SQL on Spark against a remote metastore
 *       metastore_uris: thrift://metastore.example.com:9083
 *       warehouse: s3a://lake/warehouse
 *       output: s3a://lake/scratch/kindling  # where cells write their results
 *       cluster: kubernetes                  # a cluster per cell (spark.kubernetes settings); or local
 *       conf: {spark.sql.shuffle.partitions: 400}
 *     thrift:                                # an existing HiveServer2 / Kyuubi / Spark Thrift Server
 *       url: jdbc:hive2://hs2.example.com:10000/default
 *       user: alice
 *       password_env: HIVE_PASSWORD
 * </pre>
 */
public record HiveProfiles(Map<String, HiveProfile> profiles, String defaultName, String origin) {
    /** The built-in profile's name. */
    public static final String LOCAL = "local";

    private static final Set<String> SECTION_KEYS = Set.of("default", "profiles");
    private static final Set<String> SPARK_KEYS = Set.of("metastore_uris", "warehouse", "output", "shared_output", "cluster", "conf");

    public HiveProfiles {
        profiles = Map.copyOf(profiles);
        requireNonNull(defaultName, "defaultName is null");
        requireNonNull(origin, "origin is null");
    }

    /** The {@code hive:} section of {@code file} as it is now. */
    public static HiveProfiles load(ProfilesFile file) {
        ProfileSection hive = file.section("hive").checkKeys(SECTION_KEYS);
        Map<String, HiveProfile> profiles = new LinkedHashMap<>();
        profiles.put(LOCAL, HiveProfile.local());
        ProfileSection named = hive.section("profiles");
        for (String name : named.keys()) {
            profiles.put(name, parse(name, named.section(name)));
        }
        String defaultName = hive.text("default").orElse(LOCAL);
        if (!profiles.containsKey(defaultName)) {
            throw hive.error("default", "names '" + defaultName + "', which is not among the profiles "
                    + profiles.keySet() + CloseNames.hint(defaultName, profiles.keySet(), ""));
        }
        return new HiveProfiles(profiles, defaultName, file.path().toString());
    }

    /** The named profile, or the default one. */
    public HiveProfile resolve(Optional<String> name) {
        String wanted = name.orElse(defaultName);
        HiveProfile profile = profiles.get(wanted);
        if (profile == null) {
            throw new MagicError(ErrorName.BAD_PROFILE, "there is no Hive profile '" + wanted + "'"
                    + CloseNames.hint(wanted, profiles.keySet(), "") + "; known profiles: " + String.join(", ", profiles.keySet())
                    + " (the hive: section of " + origin + ")");
        }
        return profile;
    }

    /**
     * The profile whose metastore the notebook's Spark sessions use: the default one, unless it is a
     * HiveServer2, whose metastore Spark does not see; then the local one.
     */
    public HiveProfile forSessions() {
        HiveProfile chosen = profiles.get(defaultName);
        return chosen.isJdbc() ? profiles.get(LOCAL) : chosen;
    }

    private static HiveProfile parse(String name, ProfileSection node) {
        if (name.equals(LOCAL)) {
            throw node.error("'" + LOCAL + "' is the built-in profile (the local metastore service); give yours another name");
        }
        if (node.text("url").isPresent()) {
            node.secret("password");
            node.checkKeys(HiveServer2Profile.KEYS);
            String url = node.text("url").orElseThrow();
            if (!url.startsWith("jdbc:hive2://") && !url.startsWith("jdbc:kyuubi://")) {
                throw node.error("url", "'" + url + "' is not a HiveServer2 JDBC URL (jdbc:hive2://host:port/database)");
            }
            return new HiveProfile(name, Optional.empty(), Optional.empty(), Optional.empty(), false, false, Map.of(), Optional.of(node));
        }
        node.checkKeys(SPARK_KEYS);
        Optional<String> metastore = node.text("metastore_uris");
        metastore.ifPresent(uris -> {
            for (String uri : uris.split(",")) {
                if (!uri.strip().matches("thrift://[^/:]+:\\d+")) {
                    throw node.error("metastore_uris", "'" + uri.strip() + "' is not a thrift://host:port address");
                }
            }
        });
        String cluster = node.text("cluster").orElse("local");
        if (!cluster.equals("local") && !cluster.equals("kubernetes")) {
            throw node.error("cluster", "must be local or kubernetes, got '" + cluster + "'");
        }
        return new HiveProfile(name, metastore, location(node, "warehouse"), location(node, "output"),
                node.bool("shared_output").orElse(false), cluster.equals("kubernetes"), node.strings("conf"), Optional.empty());
    }

    /** A Hadoop file system URI ({@code s3a://}, {@code hdfs://}, {@code file:}) or a local path. */
    private static Optional<URI> location(ProfileSection node, String key) {
        return node.text(key).map(text -> {
            try {
                URI uri = new URI(text);
                return uri.getScheme() != null ? uri : node.path(key).orElseThrow().toUri();
            } catch (URISyntaxException e) {
                throw node.error(key, "'" + text + "' is neither a URI nor a path: " + e.getReason());
            }
        });
    }

    /** Reads the file given by the environment, or the default one under {@code home}. */
    public static HiveProfiles load(Map<String, String> environment, Path home) {
        return load(ProfilesFile.of(environment, home));
    }
}
