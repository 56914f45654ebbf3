package io.kindling.magics.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Describes Spark inside the kernel's JVM, with the same API as a Kubernetes cluster, so a notebook
 * can develop locally and scale out by changing one line.
 * <pre>{@code
 * try (var cluster = Spark.local().cores(2).start()) {
 *     cluster.session().range(100).count();
 * }
 * }</pre>
 */
public final class LocalClusterBuilder {
    private final Function<LocalClusterBuilder, SparkCluster> starter;
    private Optional<Integer> cores;
    private final Map<String, String> conf;

    LocalClusterBuilder(SparkDefaults defaults, Function<LocalClusterBuilder, SparkCluster> starter) {
        this.starter = requireNonNull(starter, "starter is null");
        this.cores = defaults.localCores();
        this.conf = new LinkedHashMap<>(defaults.localConf());
    }

    /** Task slots: Spark's {@code local[N]}; all of the machine's cores by default. */
    public LocalClusterBuilder cores(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("cores(" + count + "): local Spark needs at least 1 core");
        }
        this.cores = Optional.of(count);
        return this;
    }

    /** Any Spark setting, e.g. {@code conf("spark.sql.shuffle.partitions", "8")}. */
    public LocalClusterBuilder conf(String key, String value) {
        conf.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        return this;
    }

    public SparkCluster start() {
        return starter.apply(this);
    }

    Map<String, String> sparkConf(String clusterId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.master", master());
        settings.put("spark.app.name", "kindling-" + clusterId);
        settings.put("spark.driver.host", "127.0.0.1");
        settings.put("spark.driver.bindAddress", "127.0.0.1");
        // Shuffles of notebook-sized data: Spark's 200 partitions cost more than they bring on a laptop.
        settings.put("spark.sql.shuffle.partitions", Integer.toString(Math.max(4, cores.orElse(
                Runtime.getRuntime().availableProcessors()) * 2)));
        settings.putAll(conf);
        return settings;
    }

    /** Task slots: the cores asked for, else the machine's. */
    int slots() {
        return cores.orElse(Runtime.getRuntime().availableProcessors());
    }

    /** Spark's {@code local[N]}, also how the cluster describes itself. */
    String master() {
        return "local[" + cores.map(String::valueOf).orElse("*") + "]";
    }
}
