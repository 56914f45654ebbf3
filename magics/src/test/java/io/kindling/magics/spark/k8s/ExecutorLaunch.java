package io.kindling.magics.spark.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The process a Spark executor pod's container would run, worked out from the pod as Spark 4.1's
 * image entrypoint ({@code entrypoint.sh executor}) does: the {@code SPARK_JAVA_OPT_<n>} values in
 * order, {@code -Xms}/{@code -Xmx} from {@code SPARK_EXECUTOR_MEMORY}, then
 * {@code KubernetesExecutorBackend} with driver URL, executor id, cores, app id, hostname (the pod
 * IP), resource profile id and pod name, all from the pod's env.
 *
 * <p>Differences from a container, each on purpose: the pod IP is a loopback address chosen by
 * {@link LocalKubelet}; {@code SPARK_LOCAL_DIRS} points at a local directory instead of the pod's
 * {@code emptyDir} mount; {@code SPARK_LOCAL_IP} is the pod IP (in a pod the host name resolves to
 * it); {@code SPARK_CONF_DIR} (a config map volume nobody mounts here) and
 * {@code SPARK_EXECUTOR_DIRS} (which would win over {@code SPARK_LOCAL_DIRS}) are dropped; the image's
 * {@code $SPARK_HOME/jars/*} is the class path given to the kubelet; the heap is at least 512 MiB
 * (Spark refuses less than about 450 MiB); and the test JVM's environment is not inherited beyond
 * {@code PATH}, {@code HOME} and the locale, as a container would not see it either.
 *
 * @param podName     the pod this launch is for
 * @param command     the {@code java} command line, without the class path
 * @param environment the process environment, including {@code CLASSPATH}
 */
record ExecutorLaunch(String podName, List<String> command, Map<String, String> environment) {
    static final String CONTAINER_NAME = "spark-kubernetes-executor";
    static final String MAIN_CLASS = "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend";
    // Not a class anywhere: the JVM exits at once with code 1, like an image with a broken entrypoint.
    private static final String MISSING_MAIN_CLASS = "io.kindling.magics.spark.k8s.LocalKubeletCrash";
    private static final long MIN_HEAP_MIB = 512;
    private static final Pattern MEMORY = Pattern.compile("(\\d+)([kmgt]?)b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVA_OPT = Pattern.compile("SPARK_JAVA_OPT_(\\d+)");
    private static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");

    ExecutorLaunch {
        requireNonNull(podName, "podName is null");
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /**
     * The launch for {@code pod}, or an {@link IllegalArgumentException} saying why this fixture
     * cannot run it (not an executor container, an env source it cannot resolve, missing env).
     */
    static ExecutorLaunch forPod(Pod pod, String podIp, Path localDir, String classPath, String java,
            List<String> jvmFlags) {
        return forPod(pod, podIp, localDir, classPath, java, jvmFlags, Map.of(), PodEnvironment.SecretKeys.NONE);
    }

    /**
     * As above, with volumes mounted locally: each mount path of the container that appears in an env value
     * (also in a {@code SPARK_JAVA_OPT_<n>} such as {@code -Dspark.authenticate.secret.file=/mnt/x/secret})
     * is replaced by the local directory holding that volume's files; env from secret keys comes from
     * {@code secrets}.
     */
    static ExecutorLaunch forPod(Pod pod, String podIp, Path localDir, String classPath, String java,
            List<String> jvmFlags, Map<String, Path> mounts, PodEnvironment.SecretKeys secrets) {
        String podName = pod.getMetadata().getName();
        Container container = executorContainer(pod);
        if (!List.of("executor").equals(container.getArgs())) {
            throw new IllegalArgumentException("pod " + podName + ": LocalKubelet runs Spark executor containers "
                    + "(args [executor]) only, not args " + container.getArgs());
        }
        Map<String, String> podEnv = new LinkedHashMap<>(PodEnvironment.resolve(pod, container, podIp, secrets));
        mounts.forEach((mountPath, local) -> podEnv.replaceAll((name, value) -> value.startsWith(mountPath)
                ? local + value.substring(mountPath.length()) : value.replace("=" + mountPath, "=" + local)));

        Map<String, String> env = new LinkedHashMap<>();
        INHERITED_ENV.forEach(name -> Optional.ofNullable(System.getenv(name)).ifPresent(v -> env.put(name, v)));
        env.putAll(podEnv);
        env.remove("SPARK_CONF_DIR");
        env.remove("SPARK_EXECUTOR_DIRS");
        env.put("SPARK_LOCAL_DIRS", localDir.toString());
        // In a pod the host name resolves to the pod IP; here it does not, so tell Spark which address is ours.
        env.put("SPARK_LOCAL_IP", podIp);
        // The entrypoint's order: SPARK_CLASSPATH, the image's jars, SPARK_EXTRA_CLASSPATH, SPARK_DIST_CLASSPATH.
        // CLASSPATH rather than -cp keeps the logged command readable; the launcher expands dir/* in both.
        env.put("CLASSPATH", Stream.of(podEnv.get("SPARK_CLASSPATH"), classPath, podEnv.get("SPARK_EXTRA_CLASSPATH"),
                        podEnv.get("SPARK_DIST_CLASSPATH"))
                .filter(p -> p != null && !p.isEmpty())
                .collect(Collectors.joining(File.pathSeparator)));

        String heap = heapMib(required(podEnv, podName, "SPARK_EXECUTOR_MEMORY")) + "m";
        List<String> command = new ArrayList<>();
        command.add(java);
        // Our flags first, so that Spark's own options win where both set the same thing.
        command.addAll(jvmFlags);
        command.addAll(javaOpts(podEnv));
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add(MAIN_CLASS);
        command.addAll(List.of(
                "--driver-url", required(podEnv, podName, "SPARK_DRIVER_URL"),
                "--executor-id", required(podEnv, podName, "SPARK_EXECUTOR_ID"),
                "--cores", required(podEnv, podName, "SPARK_EXECUTOR_CORES"),
                "--app-id", required(podEnv, podName, "SPARK_APPLICATION_ID"),
                "--hostname", required(podEnv, podName, "SPARK_EXECUTOR_POD_IP"),
                "--resourceProfileId", required(podEnv, podName, "SPARK_RESOURCE_PROFILE_ID"),
                "--podName", required(podEnv, podName, "SPARK_EXECUTOR_POD_NAME")));
        return new ExecutorLaunch(podName, command, env);
    }

    /** The container Spark puts its executor in: by its default name, else the first one. */
    static Container executorContainer(Pod pod) {
        List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
        return containers.stream()
                .filter(c -> CONTAINER_NAME.equals(c.getName()))
                .findFirst()
                .or(() -> containers.stream().findFirst())
                .orElseThrow(() -> new IllegalArgumentException(
                        "pod " + pod.getMetadata().getName() + " has no containers"));
    }

    /** This launch with a main class that does not exist: the JVM exits with code 1 at once. */
    ExecutorLaunch crashing() {
        List<String> crashing = new ArrayList<>(command.subList(0, command.indexOf(MAIN_CLASS)));
        crashing.add(MISSING_MAIN_CLASS);
        return new ExecutorLaunch(podName, crashing, environment);
    }

    /** The command and environment as text, for the top of the executor's log. */
    String describe() {
        StringBuilder text = new StringBuilder("# LocalKubelet: pod ").append(podName).append('\n');
        text.append("# command: ").append(String.join(" ", command)).append('\n');
        new TreeMap<>(environment).forEach((name, value) -> {
            String shown = name.equals("CLASSPATH")
                    ? value.split(File.pathSeparator).length + " entries, first " + value.split(File.pathSeparator)[0]
                    : value;
            text.append("# env ").append(name).append('=').append(shown).append('\n');
        });
        return text.toString();
    }

    static long heapMib(String memory) {
        Matcher m = MEMORY.matcher(memory.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("SPARK_EXECUTOR_MEMORY is not a JVM memory size: " + memory);
        }
        long amount = Long.parseLong(m.group(1));
        long mib = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> (amount + 1023) / 1024;
            case "m" -> amount;
            case "g" -> amount * 1024;
            case "t" -> amount * 1024 * 1024;
            default -> (amount + (1 << 20) - 1) >> 20;
        };
        return Math.max(mib, MIN_HEAP_MIB);
    }

    // The entrypoint sorts SPARK_JAVA_OPT_<n> numerically by n and passes each value as one argument.
    private static List<String> javaOpts(Map<String, String> env) {
        return env.entrySet().stream()
                .map(e -> Map.entry(JAVA_OPT.matcher(e.getKey()), e.getValue()))
                .filter(e -> e.getKey().matches())
                .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getKey().group(1))))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static String required(Map<String, String> env, String podName, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(
                    "pod " + podName + " has no " + name + " in its executor container's env");
        }
        return value;
    }
}
