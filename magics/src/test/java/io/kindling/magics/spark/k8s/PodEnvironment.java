package io.kindling.magics.spark.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's env as the kubelet would hand it to the process: literal values, and the downward
 * API fields Spark uses ({@code status.podIP} for {@code SPARK_EXECUTOR_POD_IP},
 * {@code metadata.name} for {@code SPARK_EXECUTOR_POD_NAME}) plus a few neighbours.
 *
 * <p>Secret references resolve when the kubelet passes {@link SecretKeys} (read from the API server).
 * Anything else (config map references, resource fields) is refused with an
 * {@link IllegalArgumentException} rather than silently left empty, so a test that needs it fails
 * saying so. {@code $(VAR)} references are not expanded: Spark does not put any in executor env.
 */
final class PodEnvironment {
    private PodEnvironment() {
    }

    /** A Secret's key, decoded, as the kubelet would put it into env; empty when there is no such Secret or key. */
    @FunctionalInterface
    interface SecretKeys {
        /** Resolves nothing: any secret reference is refused. */
        SecretKeys NONE = (namespace, name, key) -> Optional.empty();

        Optional<String> value(String namespace, String name, String key);
    }

    static Map<String, String> resolve(Pod pod, Container container, String podIp) {
        return resolve(pod, container, podIp, SecretKeys.NONE);
    }

    static Map<String, String> resolve(Pod pod, Container container, String podIp, SecretKeys secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        List<EnvVar> vars = container.getEnv() == null ? List.of() : container.getEnv();
        for (EnvVar var : vars) {
            EnvVarSource source = var.getValueFrom();
            if (source == null) {
                env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
            } else if (source.getSecretKeyRef() != null && secrets != SecretKeys.NONE) {
                var ref = source.getSecretKeyRef();
                env.put(var.getName(), secrets.value(pod.getMetadata().getNamespace(), ref.getName(), ref.getKey())
                        .orElseThrow(() -> new IllegalArgumentException("pod " + pod.getMetadata().getName() + ": env "
                                + var.getName() + " refers to key " + ref.getKey() + " of secret " + ref.getName()
                                + ", which does not exist")));
            } else if (source.getFieldRef() != null) {
                env.put(var.getName(), field(pod, podIp, var.getName(), source.getFieldRef().getFieldPath()));
            } else {
                throw new IllegalArgumentException("pod " + pod.getMetadata().getName() + ": env " + var.getName()
                        + " comes from " + source + ", which LocalKubelet does not resolve (only values and fieldRef)");
            }
        }
        return env;
    }

    private static String field(Pod pod, String podIp, String var, String path) {
        return switch (path) {
            case "status.podIP" -> podIp;
            case "status.hostIP" -> "127.0.0.1";
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "spec.nodeName" -> "local-kubelet";
            case "spec.serviceAccountName" -> orEmpty(pod.getSpec().getServiceAccountName());
            default -> throw new IllegalArgumentException("pod " + pod.getMetadata().getName() + ": env " + var
                    + " refers to field " + path + ", which LocalKubelet does not resolve");
        };
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
