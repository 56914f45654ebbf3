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
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ephemeral clusters on the Kubernetes fixture (mock API server + local kubelet running executor JVMs):
 * start (all executors registered) and release (all pods gone) through Kindling, beside plain Spark on
 * the same fixture (getOrCreate, wait for the executors, stop); and the blog's sleep-map, wall vs ideal.
 * Prints one JSON object per line. Run through bench/run.
 * Args: executor counts (e.g. 1,2,4,8), repetitions, sleep-map tasks, seconds per task, executors, cores.
 */
public class ClusterBench {
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = java.util.Arrays.stream(args[0].split(",")).map(Integer::parseInt).toList();
        int repeat = Integer.parseInt(args[1]);
        int tasks = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int sleepExecutors = Integer.parseInt(args[4]);
        int cores = Integer.parseInt(args[5]);
        Path work = Files.createTempDirectory("kindling-cluster-bench-");
        try (MockKubernetes kubernetes = MockKubernetes.start();
             LocalKubelet kubelet = LocalKubelet.forTestJvm(kubernetes.client(), "default")) {
            SparkClusters spark = clusters(kubernetes.url(), work, cores);
            // Not measured: the first Spark context of a JVM pays for loading Spark itself.
            plainSpark(kubernetes, 1, kubelet);
            for (int executors : sizes) {
                for (int i = 0; i < repeat; i++) {
                    long began = System.nanoTime();
                    SparkCluster cluster = spark.kubernetes().executors(executors).cores(1).start();
                    double start = (System.nanoTime() - began) / 1e9;
                    began = System.nanoTime();
                    cluster.close();
                    double release = (System.nanoTime() - began) / 1e9;
                    kubelet.awaitNoRunningJvms(Duration.ofSeconds(60));
                    double[] plain = plainSpark(kubernetes, executors, kubelet);
                    System.out.printf("{\"row\":\"cluster\",\"executors\":%d,\"start\":%.3f,\"release\":%.3f,"
                            + "\"plain_start\":%.3f,\"plain_release\":%.3f}%n", executors, start, release, plain[0], plain[1]);
                }
            }
            try (SparkCluster cluster = spark.kubernetes().executors(sleepExecutors).cores(cores).start()) {
                long ms = seconds * 1000L;
                double cold = sleepMap(cluster, tasks, ms);
                double wall = sleepMap(cluster, tasks, ms);
                double ideal = Math.ceil((double) tasks / (sleepExecutors * cores)) * seconds;
                System.out.printf("{\"row\":\"sleep\",\"tasks\":%d,\"seconds\":%d,\"executors\":%d,\"cores\":%d,"
                        + "\"cold\":%.3f,\"wall\":%.3f,\"ideal\":%.3f}%n", tasks, seconds, sleepExecutors, cores, cold, wall, ideal);
            }
            spark.shutdown();
        }
        System.exit(0);
    }

    /** The blog's job: every task sleeps, so wall time shows scheduling overhead against the slots' ideal. */
    private static double sleepMap(SparkCluster cluster, int tasks, long ms) {
        long began = System.nanoTime();
        cluster.session().range(0, tasks, 1, tasks)
                .map((MapFunction<Long, Long>) i -> { Thread.sleep(ms); return i; }, Encoders.LONG()).count();
        return (System.nanoTime() - began) / 1e9;
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

    /** The floor: Spark's own client mode on the same fixture, no Kindling in between. */
    private static double[] plainSpark(MockKubernetes kubernetes, int executors, LocalKubelet kubelet) throws Exception {
        String url = kubernetes.url();
        long began = System.nanoTime();
        SparkSession session = SparkSession.builder().master("k8s://" + url).appName("plain-bench")
                .config("spark.kubernetes.container.image", "kindling/executor:bench")
                .config("spark.kubernetes.namespace", "default")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.instances", executors).config("spark.executor.cores", 1)
                .config("spark.executor.memory", "512m").config("spark.ui.enabled", "false")
                .config("spark.kubernetes.allocation.batch.size", Math.max(5, executors))
                .config("spark.scheduler.minRegisteredResourcesRatio", "0")
                .config("spark.kubernetes.executor.podNamePrefix", "plain-" + System.nanoTime())
                .getOrCreate();
        while (session.sparkContext().statusTracker().getExecutorInfos().length - 1 < executors) {
            Thread.sleep(50);
        }
        double start = (System.nanoTime() - began) / 1e9;
        began = System.nanoTime();
        session.stop();
        // Released means what Kindling's close() waits for: the API server shows no executor pod.
        while (!kubernetes.client().pods().inNamespace("default").list().getItems().isEmpty()) {
            Thread.sleep(50);
        }
        double release = (System.nanoTime() - began) / 1e9;
        kubelet.awaitNoRunningJvms(Duration.ofSeconds(60));
        return new double[] {start, release};
    }
}
