package io.kindling.magics.spark;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The secret that locks one cluster's Spark RPC: fresh random bytes per cluster, which Spark turns into
 * its authentication key (and, with {@code spark.network.crypto.enabled}, the key exchange for
 * encryption). Without it nothing can talk to the kernel's driver port: not the scheduler, not the
 * notebook-variable endpoint.
 *
 * <p>It is never a value in Spark's configuration or in a pod spec. The kernel reads it from a file only
 * its own user can read ({@code rw-------}, in the kernel's work directory). Executors get it from a
 * Kubernetes Secret: as the env value Spark looks at first ({@code _SPARK_AUTH_SECRET}, by a
 * {@code secretKeyRef}, so the pod spec names the Secret but does not hold it), and as a mounted file,
 * which the executor setting names. Left to itself Spark would put the key as a literal env value into
 * every executor pod spec, readable by anyone who may {@code get pods} in the namespace. The Secret
 * carries the cluster's and the kernel's labels, so the release and the dead-kernel reaper delete it.
 *
 * @param name       the Kubernetes Secret's name
 * @param driverFile the kernel's copy
 */
record ClusterSecret(String name, Path driverFile) {
    /** Where executors find the file: the mount directory in the executor container, and the file in it. */
    static final String EXECUTOR_MOUNT = "/opt/kindling/spark-auth";
    /** The Secret's keys: the random bytes (the file), and Spark's key made of them (Base64, the env value). */
    static final String FILE_KEY = "secret";
    static final String ENV_KEY = "key";
    static final String EXECUTOR_FILE = EXECUTOR_MOUNT + "/" + FILE_KEY;
    /** The env variable Spark's SecurityManager reads before any setting or file. */
    static final String SPARK_ENV = "_SPARK_AUTH_SECRET";
    /** Spark's own default key length, 256 bits. */
    private static final int BYTES = 32;

    ClusterSecret {
        requireNonNull(name, "name is null");
        requireNonNull(driverFile, "driverFile is null");
    }

    /** Where a cluster's secret lives; nothing is created yet. */
    static ClusterSecret of(String clusterId, Path workDir) {
        return new ClusterSecret("kindling-spark-auth-" + clusterId, workDir.resolve("spark-auth-" + clusterId));
    }

    /** The Spark settings that turn authentication and RPC encryption on with this secret. */
    Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.authenticate", "true");
        conf.put("spark.network.crypto.enabled", "true");
        conf.put("spark.authenticate.secret.driver.file", driverFile.toString());
        // Naming an executor file is what keeps Spark from writing the key into the pod spec. Spark reads such a
        // file only once it knows spark.master, which an executor learns from the driver, after its first
        // authenticated connection: so executors authenticate with the env value, read before any file.
        conf.put("spark.authenticate.secret.executor.file", EXECUTOR_FILE);
        conf.put("spark.kubernetes.executor.secrets." + name, EXECUTOR_MOUNT);
        conf.put("spark.kubernetes.executor.secretKeyRef." + SPARK_ENV, name + ":" + ENV_KEY);
        return conf;
    }

    /** Generates the secret, writes the kernel's file and creates the Kubernetes Secret with {@code labels}. */
    void create(KubernetesClient client, String namespace, Map<String, String> labels) {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        try {
            Files.deleteIfExists(driverFile);
            // Created unreadable to others from the start, not narrowed after writing.
            Files.createFile(driverFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(driverFile, secret);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster's Spark secret to " + driverFile, e);
        }
        Secret object = new SecretBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withType("Opaque").withImmutable(true)
                .addToData(FILE_KEY, Base64.getEncoder().encodeToString(secret))
                // Spark's key is the file's bytes in Base64 (as it reads driver.file); the env value must be that text.
                .addToData(ENV_KEY, Base64.getEncoder().encodeToString(
                        Base64.getEncoder().encodeToString(secret).getBytes(StandardCharsets.US_ASCII))).build();
        client.secrets().inNamespace(namespace).resource(object).create();
    }

    /** Deletes both copies; what is already gone is fine. */
    void delete(KubernetesClient client, String namespace) {
        try {
            client.secrets().inNamespace(namespace).withName(name).delete();
        } finally {
            try {
                Files.deleteIfExists(driverFile);
            } catch (IOException e) {
                // The work directory goes with the kernel; a file only its user can read may wait until then.
            }
        }
    }
}
