package io.kindling.magics.spark;

import io.kindling.magics.magic.ErrorName;
import com.fasterxml.jackson.databind.JsonNode;
import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.MagicError;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Spark settings a notebook starts from, so cells carry no cluster boilerplate: the {@code spark:}
 * section of the profiles file, then environment variables (which win, as a kernel pod sets them).
 * <pre>
 * spark:
 *   local:
 *     cores: 2
 *   kubernetes:
 *     master: k8s://https://kubernetes.default.svc
 *     namespace: kindling
 *     image: registry.example.com/kindling-executor:0.1.0
 *     service_account: kindling
 *     executors: 4
 *     cores: 2
 *     memory: 4g
 *     start_timeout: 3m
 *     node_selector: {pool: spark}
 *     conf: {spark.kubernetes.executor.request.cores: "1"}
 * </pre>
 *
 * @param localCores cores of the local session; empty means all of the machine's
 * @param localConf  extra Spark settings for local sessions
 */
public record SparkDefaults(Optional<Integer> localCores, Map<String, String> localConf, KubernetesDefaults kubernetes) {
    public static final String ENV_K8S_MASTER = "KINDLING_K8S_MASTER";
    public static final String ENV_K8S_NAMESPACE = "KINDLING_K8S_NAMESPACE";
    public static final String ENV_EXECUTOR_IMAGE = "KINDLING_SPARK_IMAGE";
    public static final String ENV_DRIVER_HOST = "KINDLING_DRIVER_HOST";
    public static final String ENV_DRIVER_POD_NAME = "KINDLING_DRIVER_POD_NAME";

    private static final Set<String> SECTIONS = Set.of("local", "kubernetes");
    private static final Set<String> LOCAL_KEYS = Set.of("cores", "conf");
    private static final Set<String> K8S_KEYS = Set.of("master", "namespace", "image", "service_account", "executors",
            "cores", "memory", "pod_template", "node_selector", "start_timeout", "conf", "driver_host");

    public SparkDefaults {
        requireNonNull(localCores, "localCores is null");
        localConf = Map.copyOf(localConf);
        requireNonNull(kubernetes, "kubernetes is null");
    }

    public static SparkDefaults load(Map<String, String> environment, Path home) {
        ProfilesFile file = ProfilesFile.load(environment, home);
        JsonNode spark = file.section("spark");
        String where = file.path() + ": spark";
        checkKeys(spark, SECTIONS, where);
        JsonNode local = spark.path("local");
        checkKeys(local, LOCAL_KEYS, where + ".local");
        JsonNode k8s = spark.path("kubernetes");
        String k8sWhere = where + ".kubernetes";
        checkKeys(k8s, K8S_KEYS, k8sWhere);

        Optional<Integer> localCores = number(local, "cores", where + ".local");
        KubernetesDefaults kubernetes = new KubernetesDefaults(
                env(environment, ENV_K8S_MASTER).or(() -> text(k8s, "master")).map(SparkDefaults::k8sMaster),
                env(environment, ENV_K8S_NAMESPACE).or(() -> text(k8s, "namespace")).orElse("default"),
                env(environment, ENV_EXECUTOR_IMAGE).or(() -> text(k8s, "image")),
                text(k8s, "service_account"),
                number(k8s, "executors", k8sWhere).orElse(2),
                number(k8s, "cores", k8sWhere).orElse(1),
                text(k8s, "memory").map(m -> MemorySize.parse(k8sWhere + ".memory", m)).orElse(MemorySize.parse("memory", "1g")),
                text(k8s, "pod_template").map(p -> file.path().resolveSibling(p)),
                strings(k8s.path("node_selector")),
                text(k8s, "start_timeout").map(t -> duration(k8sWhere + ".start_timeout", t)).orElse(Duration.ofMinutes(3)),
                strings(k8s.path("conf")),
                env(environment, ENV_DRIVER_HOST).or(() -> text(k8s, "driver_host")),
                env(environment, ENV_DRIVER_POD_NAME));
        return new SparkDefaults(localCores, strings(local.path("conf")), kubernetes);
    }

    /** Accepts {@code k8s://https://host}, {@code https://host} and {@code http://host} (tests, proxies). */
    static String k8sMaster(String master) {
        String url = master.startsWith("k8s://") ? master.substring("k8s://".length()) : master;
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            url = "https://" + url;
        }
        return "k8s://" + url;
    }

    /** Parses {@code 90s}, {@code 3m}, {@code 1h} or ISO-8601 ({@code PT3M}). */
    static Duration duration(String what, String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.matches("\\d+[smh]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new MagicError(ErrorName.BAD_PROFILE, what + " '" + text + "' is not a duration such as 90s, 3m or 1h");
        }
    }

    private static void checkKeys(JsonNode node, Set<String> keys, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new MagicError(ErrorName.BAD_PROFILE, where + " must be a mapping of settings");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!keys.contains(key)) {
                throw new MagicError(ErrorName.BAD_PROFILE, where + ": unknown setting '" + key + "'" + CloseNames.hint(key, keys, ""));
            }
        }
    }

    private static Optional<String> env(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<Integer> number(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToInt() || value.asInt() < 1) {
            throw new MagicError(ErrorName.BAD_PROFILE, where + "." + key + " must be a positive whole number, got '" + value.asText() + "'");
        }
        return Optional.of(value.asInt());
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
