package io.kindling.magics.spark;

import io.kindling.magics.config.ProfileSection;
import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.config.Settings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
 * <p>A mistake here fails only what uses Spark, located in the file; {@link #lazy} reads the section on each
 * use, so the next cell sees the fixed file.
 *
 * @param localCores cores of the local session; empty means all of the machine's
 * @param localConf  extra Spark settings for local sessions
 * @param kubernetes what {@code Spark.kubernetes()} starts from: {@link KubernetesSettings}
 */
public record SparkDefaults(Optional<Integer> localCores, Map<String, String> localConf, Settings kubernetes) {
    public static final String ENV_K8S_MASTER = "KINDLING_K8S_MASTER";
    public static final String ENV_K8S_NAMESPACE = "KINDLING_K8S_NAMESPACE";
    public static final String ENV_EXECUTOR_IMAGE = "KINDLING_SPARK_IMAGE";
    public static final String ENV_DRIVER_HOST = "KINDLING_DRIVER_HOST";
    public static final String ENV_DRIVER_POD_NAME = "KINDLING_DRIVER_POD_NAME";

    private static final Set<String> SECTIONS = Set.of("local", "kubernetes");
    private static final Set<String> LOCAL_KEYS = Set.of("cores", "conf");

    public SparkDefaults {
        requireNonNull(localCores, "localCores is null");
        localConf = Map.copyOf(localConf);
        requireNonNull(kubernetes, "kubernetes is null");
    }

    /** Reads the file once, now. */
    public static SparkDefaults load(Map<String, String> environment, Path home) {
        return read(ProfilesFile.of(environment, home), environment);
    }

    /**
     * Defaults read when asked for, from the file as it is then: how the kernel holds them, so a mistake
     * in {@code spark:} cannot stop it from starting and a fix applies to the next cell.
     */
    public static Supplier<SparkDefaults> lazy(Map<String, String> environment, Path home) {
        ProfilesFile file = ProfilesFile.of(environment, home);
        Map<String, String> frozen = Map.copyOf(environment);
        return () -> read(file, frozen);
    }

    /** The {@code spark:} section of {@code file} as it is now, and the environment. */
    public static SparkDefaults read(ProfilesFile file, Map<String, String> environment) {
        ProfileSection spark = file.section("spark").checkKeys(SECTIONS);
        ProfileSection local = spark.section("local").checkKeys(LOCAL_KEYS);
        Settings kubernetes = KubernetesSettings.read(spark.section("kubernetes"), environment);
        return new SparkDefaults(local.positiveInt("cores"), local.strings("conf"), kubernetes);
    }
}
