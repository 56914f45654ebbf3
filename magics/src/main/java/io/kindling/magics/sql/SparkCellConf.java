package io.kindling.magics.sql;

import io.kindling.magics.magic.MagicUsageException;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A cell's {@code --conf KEY=VALUE} Spark SQL settings on a session that is already running: set when the
 * cell starts, put back (or unset) when it ends, however it ends. Only settings Spark can change at run
 * time qualify; the others are fixed when a cluster starts.
 * <pre>{@code
 * Map<String, String> conf = SparkCellConf.parse(arguments.values("conf"), usage);   // spark.sql.shuffle.partitions=8
 * try (SparkCellConf ignored = SparkCellConf.apply(session, conf, usage, "set it when the cluster starts")) {
 *     session.sql(sql).collectAsList();
 * }
 * }</pre>
 */
public final class SparkCellConf implements AutoCloseable {
    private static final SparkCellConf NONE = new SparkCellConf(null, Map.of());

    private final SparkSession session;
    /** Each setting's value before the cell; empty when it was unset. */
    private final Map<String, Optional<String>> previous;

    private SparkCellConf(SparkSession session, Map<String, Optional<String>> previous) {
        this.session = session;
        this.previous = Map.copyOf(previous);
    }

    /** {@code KEY=VALUE} pairs as given to {@code --conf}, in order; a pair without a key fails naming the option. */
    public static Map<String, String> parse(List<String> pairs, String usage) {
        Map<String, String> conf = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new MagicUsageException("--conf expects KEY=VALUE, got '" + pair + "'", usage);
            }
            conf.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return conf;
    }

    /** Nothing set, nothing to put back (a cell on a cluster of its own, started with its settings). */
    public static SparkCellConf none() {
        return NONE;
    }

    /**
     * Sets {@code conf} on {@code session}, after checking every key can be changed at run time.
     *
     * @param whenFixed what to do about a setting Spark fixes at start, e.g. "give the cell a cluster of its own (--executors N)"
     */
    public static SparkCellConf apply(SparkSession session, Map<String, String> conf, String usage, String whenFixed) {
        requireNonNull(session, "session is null");
        for (String key : conf.keySet()) {
            if (!session.conf().isModifiable(key)) {
                throw new MagicUsageException("--conf " + key + ": Spark fixes this setting when a cluster starts; " + whenFixed, usage);
            }
        }
        Map<String, Optional<String>> previous = new LinkedHashMap<>();
        conf.forEach((key, value) -> {
            previous.put(key, session.conf().getOption(key).isDefined() ? Optional.of(session.conf().get(key)) : Optional.empty());
            session.conf().set(key, value);
        });
        return new SparkCellConf(session, previous);
    }

    /** Puts every setting back as it was before the cell. */
    @Override
    public void close() {
        previous.forEach((key, value) -> value.ifPresentOrElse(v -> session.conf().set(key, v), () -> session.conf().unset(key)));
    }
}
