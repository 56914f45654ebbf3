package io.kindling.magics.spark.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-process Kubernetes API server for tests: fabric8's mock server in CRUD mode, over plain HTTP
 * on 127.0.0.1 and a free port, with the API server behaviour Spark needs added by
 * {@link ApiServerDispatcher}. It stores objects and serves watches; nothing runs pods, see
 * {@link LocalKubelet} for that.
 *
 * <pre>{@code
 * try (MockKubernetes k8s = MockKubernetes.start()) {
 *     conf.set("spark.master", "k8s://" + k8s.url());
 * }
 * }</pre>
 */
public final class MockKubernetes implements AutoCloseable {
    // Kept referenced: java.util.logging holds loggers weakly, and a collected one forgets its level.
    private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    static {
        // It logs every request at INFO; Spark's polling and watches would drown the test output.
        MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
    }

    private final ApiServerDispatcher dispatcher;
    private final KubernetesMockServer server;
    private final String url;
    private final KubernetesClient client;

    private MockKubernetes(ApiServerDispatcher dispatcher, KubernetesMockServer server) {
        this.dispatcher = dispatcher;
        this.server = server;
        // Not server.url(): that says "localhost", which may resolve to ::1 while we listen on 127.0.0.1.
        this.url = "http://127.0.0.1:" + server.getPort();
        this.client = new KubernetesClientBuilder().withConfig(clientConfig(url)).build();
    }

    /** Starts a server; {@link #close()} stops it. */
    public static MockKubernetes start() {
        ApiServerDispatcher dispatcher = new ApiServerDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(),
                new MockWebServer(), new HashMap<>(), dispatcher, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot resolve 127.0.0.1", e);
        }
        return new MockKubernetes(dispatcher, server);
    }

    /** The API server's URL, e.g. {@code http://127.0.0.1:41234}; Spark's master is {@code "k8s://" + url()}. */
    public String url() {
        return url;
    }

    /** A client for this server, namespace {@code default}; closed by {@link #close()}. */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Makes pod creation answer 403 Forbidden with a Kubernetes {@code Status} body, as for a service
     * account without the right to create pods ({@code true}), or work again ({@code false}).
     */
    public void forbidPodCreation(boolean forbid) {
        dispatcher.forbidPodCreation(forbid);
    }

    /** How many pod creations were answered 403 so far. */
    public int forbiddenPodCreations() {
        return dispatcher.forbiddenPodCreations();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static Config clientConfig(String url) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withNamespace("default")
                // As fabric8's own mock client does: plain-HTTP HTTP/2 (h2c) is not what the tests exercise.
                .withHttp2Disable(true)
                // Fail fast in tests instead of retrying a broken request for seconds.
                .withRequestRetryBackoffLimit(0)
                .build();
    }
}
