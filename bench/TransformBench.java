import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kindling.magics.config.MemorySize;
import io.kindling.magics.config.Settings;
import io.kindling.magics.spark.KernelIdentity;
import io.kindling.magics.spark.KubernetesSettings;
import io.kindling.magics.spark.ReplShipping;
import io.kindling.magics.spark.SessionSettings;
import io.kindling.magics.spark.SparkCluster;
import io.kindling.magics.spark.SparkClusters;
import io.kindling.magics.spark.SparkDefaults;
import io.kindling.magics.spark.k8s.LocalKubelet;
import io.kindling.magics.spark.k8s.MockKubernetes;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.encoders.RowEncoder;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kindling.magics.transform.Transforms.algo;
import static io.kindling.magics.transform.Transforms.num;
import static io.kindling.magics.transform.Transforms.on;
import static io.kindling.magics.transform.Transforms.outTransform;
import static io.kindling.magics.transform.Transforms.partitionBy;
import static io.kindling.magics.transform.Transforms.transform;

/**
 * transform beside what a user would write by hand, with the same per-group function:
 * <ul>
 *   <li>{@code spark rows repeat}: on a local[2] session, transform(..., partitionBy("sensor")) vs
 *   {@code groupByKey().flatMapGroups()} converting rows to records and back by hand; both end in a noop write,
 *   alternating, after a warm-up of each;</li>
 *   <li>{@code local rows repeat}: the local engine vs a plain Java loop (HashMap of groups, call, collect);</li>
 *   <li>{@code sleep tasks ms executors cores}: the blog's sleep example with outTransform on the Kubernetes
 *   fixture, wall vs ideal.</li>
 * </ul>
 * Prints one JSON object per measurement. Run through bench/run.
 */
public class TransformBench {
    public record Reading(long sensor, long t, double value) implements Serializable {
    }

    public record Scored(long sensor, long t, double z) implements Serializable {
    }

    public record Task(int id, double a) implements Serializable {
    }

    /** The user's function: per sensor, each reading's z-score. */
    public static List<Scored> score(List<Reading> readings) {
        double sum = 0;
        double squares = 0;
        for (Reading r : readings) {
            sum += r.value();
            squares += r.value() * r.value();
        }
        double mean = sum / readings.size();
        double sd = Math.sqrt(Math.max(squares / readings.size() - mean * mean, 1e-12));
        List<Scored> out = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            out.add(new Scored(r.sensor(), r.t(), (r.value() - mean) / sd));
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "spark" -> spark(Long.parseLong(args[1]), Integer.parseInt(args[2]));
            case "local" -> local(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 0);
            case "sleep" -> sleep(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    private static void spark(long rows, int repeat) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("transform-bench").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        Dataset<Row> input = spark.range(0, rows, 1, 4).selectExpr("id % 1000 AS sensor", "id AS t", "CAST(id % 97 AS DOUBLE) AS value");
        StructType out = new StructType().add("sensor", "bigint", false).add("t", "bigint", false).add("z", "double", false);
        Runnable ours = () -> {
            Dataset<Row> scored = transform(input, Reading.class, Scored.class, rs -> score(rs), partitionBy("sensor"));
            scored.write().format("noop").mode("overwrite").save();
        };
        Runnable hand = () -> input.groupByKey((MapFunction<Row, Long>) r -> r.getLong(0), Encoders.LONG())
                .flatMapGroups((FlatMapGroupsFunction<Long, Row, Row>) (key, group) -> {
                    List<Reading> readings = new ArrayList<>();
                    group.forEachRemaining(r -> readings.add(new Reading(r.getLong(0), r.getLong(1), r.getDouble(2))));
                    List<Row> result = new ArrayList<>();
                    for (Scored s : score(readings)) {
                        result.add(RowFactory.create(s.sensor(), s.t(), s.z()));
                    }
                    return result.iterator();
                }, ExpressionEncoder.apply(RowEncoder.encoderFor(out, false)))
                .write().format("noop").mode("overwrite").save();
        ours.run();
        hand.run();
        for (int i = 0; i < repeat; i++) {
            report("spark", "ours", rows, time(ours));
            report("spark", "hand", rows, time(hand));
        }
        spark.stop();
    }

    /**
     * The same z-scores after {@code rounds} steps of arithmetic per reading: a function that does real work,
     * so the engine's own cost per row weighs as it does for a model's inference rather than for a no-op.
     */
    public static List<Scored> scoreWithWork(List<Reading> readings, int rounds) {
        List<Scored> scored = score(readings);
        List<Scored> out = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            double x = s.z();
            for (int i = 0; i < rounds; i++) {
                x = Math.sin(x) + s.z();
            }
            out.add(new Scored(s.sensor(), s.t(), x));
        }
        return out;
    }

    private static void local(int rows, int repeat, int rounds) {
        List<Reading> readings = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            readings.add(new Reading(i % 1000, i, i % 97));
        }
        Runnable ours = () -> {
            DataFrame scored = transform(readings, Reading.class, Scored.class, rs -> scoreWithWork(rs, rounds), partitionBy("sensor"));
            if (scored.height() != rows) {
                throw new AssertionError(scored.height());
            }
        };
        Runnable loop = () -> {
            Map<Long, List<Reading>> groups = new HashMap<>();
            for (Reading r : readings) {
                groups.computeIfAbsent(r.sensor(), k -> new ArrayList<>()).add(r);
            }
            List<Scored> scored = new ArrayList<>(rows);
            for (List<Reading> group : groups.values()) {
                scored.addAll(scoreWithWork(group, rounds));
            }
            if (scored.size() != rows) {
                throw new AssertionError(scored.size());
            }
        };
        for (int i = 0; i < 3; i++) {
            ours.run();
            loop.run();
        }
        for (int i = 0; i < repeat; i++) {
            report("local", "ours", rows, time(ours));
            report("local", "loop", rows, time(loop));
        }
    }

    private static void sleep(int tasks, int millis, int executors, int cores) throws Exception {
        Path work = Files.createTempDirectory("kindling-transform-bench-");
        List<Task> list = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            list.add(new Task(i, i * 0.5));
        }
        try (MockKubernetes kubernetes = MockKubernetes.start();
             LocalKubelet kubelet = LocalKubelet.forTestJvm(kubernetes.client(), "default")) {
            SparkClusters spark = clusters(kubernetes.url(), work, cores);
            try (SparkCluster cluster = spark.kubernetes().executors(executors).cores(cores).start()) {
                Runnable run = () -> outTransform(list, Task.class, ts -> {
                    for (Task t : ts) {
                        Thread.sleep(millis);
                    }
                }, num("ROWCOUNT"), algo("even"), on(cluster));
                double cold = time(run);
                double wall = time(run);
                double ideal = Math.ceil((double) tasks / (executors * cores)) * millis / 1000.0;
                System.out.printf("{\"row\":\"sleep\",\"tasks\":%d,\"ms\":%d,\"executors\":%d,\"cores\":%d,"
                        + "\"cold\":%.3f,\"wall\":%.3f,\"ideal\":%.3f}%n", tasks, millis, executors, cores, cold, wall, ideal);
            }
            spark.shutdown();
        }
    }

    private static SparkClusters clusters(String url, Path work, int cores) {
        Settings k8s = KubernetesSettings.defaults().with(KubernetesSettings.MASTER, "k8s://" + url)
                .with(KubernetesSettings.IMAGE, "kindling/executor:bench").with(KubernetesSettings.EXECUTORS, 1)
                .with(KubernetesSettings.CORES, cores).with(KubernetesSettings.MEMORY, MemorySize.parse("memory", "512m"))
                .with(KubernetesSettings.CONF, Map.of("spark.ui.enabled", "false"));
        SparkDefaults defaults = new SparkDefaults(Optional.empty(), Map.of(), k8s);
        return new SparkClusters(() -> defaults, KernelIdentity.ofThisProcess("bench"),
                new ReplShipping(work, List::of, (wrapper, variable) -> {
                    throw new NoSuchFieldException(variable);
                }), Thread.currentThread().getThreadGroup(), work,
                u -> new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(u)
                        .withHttp2Disable(true).build()).build(), SessionSettings.NONE);
    }

    private static double time(Runnable run) {
        long began = System.nanoTime();
        run.run();
        return (System.nanoTime() - began) / 1e9;
    }

    private static void report(String row, String mode, long rows, double seconds) {
        System.out.printf("{\"row\":\"%s\",\"mode\":\"%s\",\"rows\":%d,\"seconds\":%.3f,\"cores\":%d}%n", row, mode, rows, seconds,
                Runtime.getRuntime().availableProcessors());
    }
}
