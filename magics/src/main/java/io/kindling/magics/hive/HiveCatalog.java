package io.kindling.magics.hive;

import io.kindling.magics.spark.SessionSettings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Gives every Spark session of the kernel Hive support on the profile's metastore: the local service
 * (started on first use) or a remote one. Spark fixes its catalog when a session starts, so this is
 * asked at each start, not per cell.
 */
public final class HiveCatalog implements SessionSettings {
    static final String CATALOG_IMPLEMENTATION = "spark.sql.catalogImplementation";
    static final String METASTORE_URIS = "spark.hadoop.hive.metastore.uris";

    private final Supplier<HiveProfiles> profiles;
    private final LocalMetastore local;

    /** @param profiles read on each use, so a fixed profiles file applies to the next session */
    public HiveCatalog(Supplier<HiveProfiles> profiles, LocalMetastore local) {
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.local = requireNonNull(local, "local is null");
    }

    @Override
    public Map<String, String> forSession() {
        return settings(profiles.get().forSessions());
    }

    /** The Spark settings that put a session on {@code profile}'s metastore and warehouse. */
    Map<String, String> settings(HiveProfile profile) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CATALOG_IMPLEMENTATION, "hive");
        String metastore = profile.metastore().orElseGet(() -> local.ensureRunning().toString());
        settings.put(METASTORE_URIS, metastore);
        profile.warehouse().or(() -> profile.metastore().isEmpty() ? java.util.Optional.of(local.warehouse()) : java.util.Optional.empty())
                .ifPresent(w -> settings.put("spark.sql.warehouse.dir", w.toString()));
        // A metastore that is down fails a cell within seconds, not after Hive's minutes of retries.
        settings.put("spark.hadoop.hive.metastore.connect.retries", "2");
        settings.put("spark.hadoop.hive.metastore.client.connect.retry.delay", "1s");
        settings.put("spark.hadoop.hive.metastore.client.socket.timeout", "60s");
        // INSERT ... PARTITION (day) with the partition from the data, as users of Hive 3+ and Trino expect.
        settings.put("spark.hadoop.hive.exec.dynamic.partition", "true");
        settings.put("spark.hadoop.hive.exec.dynamic.partition.mode", "nonstrict");
        settings.putAll(profile.conf());
        return settings;
    }

    /** Starts the local metastore service again if {@code profile} uses it and it is not running. */
    void ensureLocal(HiveProfile profile) {
        if (profile.metastore().isEmpty()) {
            local.ensureRunning();
        }
    }

    /** Whether a session with these settings ({@code ""} when unset) reads {@code profile}'s metastore. */
    boolean serves(HiveProfile profile, java.util.function.UnaryOperator<String> sessionConf) {
        if (!"hive".equals(sessionConf.apply(CATALOG_IMPLEMENTATION))) {
            return false;
        }
        String uris = sessionConf.apply(METASTORE_URIS);
        return profile.metastore().map(uris::equals).orElseGet(() -> local.running().map(u -> u.toString().equals(uris)).orElse(false));
    }
}
