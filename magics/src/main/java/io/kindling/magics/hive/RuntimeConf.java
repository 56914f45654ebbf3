package io.kindling.magics.hive;

import io.kindling.magics.magic.MagicUsageException;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cell's {@code --conf} on a session that is already running: set for the cell, then put back.
 * Only settings Spark can change at run time qualify; the others need a cluster of the cell's own.
 */
final class RuntimeConf {
    /** Marks a setting that was unset before the cell. */
    private static final String UNSET = "\u0000unset";

    private RuntimeConf() {
    }

    /** Sets {@code conf} on {@code session}; returns what to restore. */
    static Map<String, String> apply(SparkSession session, Map<String, String> conf, String usage) {
        for (String key : conf.keySet()) {
            if (!session.conf().isModifiable(key)) {
                throw new MagicUsageException("--conf " + key + ": Spark fixes this setting when a cluster starts; "
                        + "give the cell a cluster of its own (--executors N) to set it", usage);
            }
        }
        Map<String, String> previous = new LinkedHashMap<>();
        conf.forEach((key, value) -> {
            previous.put(key, session.conf().getOption(key).getOrElse(() -> UNSET));
            session.conf().set(key, value);
        });
        return previous;
    }

    static void restore(SparkSession session, Map<String, String> previous) {
        previous.forEach((key, value) -> {
            if (value.equals(UNSET)) {
                session.conf().unset(key);
            } else {
                session.conf().set(key, value);
            }
        });
    }
}
