package io.kindling.magics.spark;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Which kernel process owns a cluster, written on every executor pod as labels so a later kernel can
 * tell pods of a dead kernel (killed with {@code kill -9}) from pods of a live one and reap them.
 *
 * @param kernelId  random per kernel run
 * @param user      the notebook user
 * @param host      the machine (or pod) the kernel runs on
 * @param pid       the kernel's process id
 * @param startedAt when that process started, so a recycled pid is not mistaken for the owner
 */
public record KernelIdentity(String kernelId, String user, String host, long pid, long startedAt) {
    public static final String KERNEL_ID = "kindling.io/kernel-id";
    public static final String USER = "kindling.io/user";
    public static final String HOST = "kindling.io/kernel-host";
    public static final String PID = "kindling.io/kernel-pid";
    public static final String STARTED = "kindling.io/kernel-started";

    public KernelIdentity {
        kernelId = labelValue(requireNonNull(kernelId, "kernelId is null"));
        user = labelValue(requireNonNull(user, "user is null"));
        host = labelValue(requireNonNull(host, "host is null"));
    }

    /** The identity of the running JVM. */
    public static KernelIdentity ofThisProcess(String user) {
        ProcessHandle self = ProcessHandle.current();
        return new KernelIdentity(UUID.randomUUID().toString().substring(0, 8), user, hostName(), self.pid(),
                startSeconds(self).orElse(0L));
    }

    /** The labels every executor pod of this kernel carries. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KERNEL_ID, kernelId);
        labels.put(USER, user);
        labels.put(HOST, host);
        labels.put(PID, Long.toString(pid));
        labels.put(STARTED, Long.toString(startedAt));
        return labels;
    }

    /**
     * Whether the kernel that labelled a pod with {@code labels} is certainly gone: it ran on this host,
     * and no process with its pid and start time exists any more.
     */
    public boolean ownerIsDead(Map<String, String> labels) {
        if (!user.equals(labels.get(USER)) || !host.equals(labels.get(HOST)) || kernelId.equals(labels.get(KERNEL_ID))) {
            return false;
        }
        long ownerPid;
        try {
            ownerPid = Long.parseLong(labels.getOrDefault(PID, ""));
        } catch (NumberFormatException e) {
            return false;
        }
        return processIsGone(ownerPid, labels.getOrDefault(STARTED, ""));
    }

    /**
     * Whether the process {@code pid} that started at {@code startedAt} (epoch seconds, as in the
     * {@value #STARTED} label) is certainly gone: no such pid, or one that started at another time (a
     * recycled pid). An unknown start time never counts as another one.
     */
    public static boolean processIsGone(long pid, String startedAt) {
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty() || !owner.get().isAlive()) {
            return true;
        }
        if (startedAt.isEmpty() || startedAt.equals("0")) {
            return false;
        }
        return startSeconds(owner.get()).map(s -> !Long.toString(s).equals(startedAt)).orElse(false);
    }

    static Optional<Long> startSeconds(ProcessHandle process) {
        return process.info().startInstant().map(Instant::getEpochSecond);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }

    /** Kubernetes label values: at most 63 of [A-Za-z0-9-_.], starting and ending alphanumeric. */
    static String labelValue(String raw) {
        String cleaned = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
        cleaned = cleaned.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        return cleaned.isEmpty() ? "unknown" : cleaned;
    }
}
