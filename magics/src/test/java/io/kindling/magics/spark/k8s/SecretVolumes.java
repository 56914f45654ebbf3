package io.kindling.magics.spark.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secret volumes as a kubelet mounts them: each key of the Secret becomes a file in the mount directory,
 * readable by its owner only. Here the directory is a local one under the pod's directory, and
 * {@link ExecutorLaunch} rewrites the container's paths (in env values and {@code SPARK_JAVA_OPT_<n>}) to
 * it, since a local process cannot have the mount path of its own. Other volume kinds (Spark's
 * {@code emptyDir} local dirs) are left alone, as before.
 */
final class SecretVolumes {
    private SecretVolumes() {
    }

    /**
     * Writes the Secrets the executor container mounts under {@code podDirectory} and returns where each
     * mount path went; an {@link IllegalArgumentException} when a Secret does not exist (a real kubelet
     * would keep the pod in {@code ContainerCreating}).
     */
    static Map<String, Path> mount(KubernetesClient client, Pod pod, Container container, Path podDirectory) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        List<Volume> volumes = pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
        List<VolumeMount> volumeMounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
        for (Volume volume : volumes) {
            if (volume.getSecret() == null) {
                continue;
            }
            String secretName = volume.getSecret().getSecretName();
            Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace()).withName(secretName).get();
            if (secret == null) {
                throw new IllegalArgumentException("pod " + pod.getMetadata().getName() + ": secret " + secretName + " not found");
            }
            Path local = podDirectory.resolve("volumes").resolve(volume.getName());
            write(secret, local);
            volumeMounts.stream().filter(m -> m.getName().equals(volume.getName()))
                    .forEach(m -> mounts.put(m.getMountPath(), local));
        }
        return mounts;
    }

    private static void write(Secret secret, Path directory) {
        try {
            Files.createDirectories(directory);
            Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
            for (Map.Entry<String, String> entry : data.entrySet()) {
                Path file = Files.createFile(directory.resolve(entry.getKey()),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, Base64.getDecoder().decode(entry.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write secret volume " + directory, e);
        }
    }
}
