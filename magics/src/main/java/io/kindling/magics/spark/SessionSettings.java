package io.kindling.magics.spark;

import java.util.Map;

/**
 * Spark settings every session the kernel starts gets, asked for at each start: how the Hive catalog
 * (metastore, warehouse) reaches Spark without the {@code spark} package knowing Hive. Settings a
 * cluster's own configuration names win over these.
 */
@FunctionalInterface
public interface SessionSettings {
    /** No settings: Spark's in-memory catalog. */
    SessionSettings NONE = Map::of;

    /**
     * The settings for a session starting now; may start a local service they point at.
     *
     * @throws io.kindling.magics.magic.MagicError when what they need cannot be had (the session does not start)
     */
    Map<String, String> forSession();
}
