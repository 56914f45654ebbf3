package io.kindling.magics.spark.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * fabric8's CRUD dispatcher plus the API server behaviour Spark's Kubernetes backend relies on and
 * the mock lacks:
 * <ul>
 *   <li>a created pod gets {@code status.phase=Pending} (Spark's pod snapshots NPE on a pod without a
 *       status);</li>
 *   <li>{@code key in (a,b)} and {@code key notin (a,b)} label selectors are applied on list and
 *       collection delete instead of being dropped (which widened Spark's delete of timed-out
 *       executors to every executor of the app), and refused on watches;</li>
 *   <li>{@code dryRun} pod creation answers without storing the pod;</li>
 *   <li>on request, pod creation answers 403 Forbidden with a Kubernetes {@code Status} body, as a
 *       service account without RBAC rights would get.</li>
 * </ul>
 * Emulated set-based deletes list first and delete item by item, so they are not atomic; fine for a
 * test server with one client making changes to a given pod at a time.
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {
    private static final Pattern POD_COLLECTION = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile boolean forbidPodCreation;
    private final AtomicInteger forbiddenPodCreations = new AtomicInteger();

    void forbidPodCreation(boolean forbid) {
        this.forbidPodCreation = forbid;
    }

    int forbiddenPodCreations() {
        return forbiddenPodCreations.get();
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        RequestPath path = RequestPath.parse(request.getPath());
        Matcher pods = POD_COLLECTION.matcher(path.resource());
        if (!pods.matches()) {
            return super.handleCreate(request);
        }
        if (forbidPodCreation) {
            forbiddenPodCreations.incrementAndGet();
            return forbidden(pods.group(1));
        }
        String body = withPendingStatus(request.getBody().readUtf8());
        if (path.isDryRun()) {
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_CREATED).setBody(body);
        }
        return super.handleCreate(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                request.getHeaders(), new Buffer(body.getBytes(UTF_8))));
    }

    @Override
    public MockResponse handleGet(String path) {
        RequestPath request = RequestPath.parse(path);
        Optional<LabelSelector> selector = request.labelSelector().filter(LabelSelector::hasSetBased);
        if (selector.isEmpty()) {
            return super.handleGet(path);
        }
        if (request.isWatch()) {
            // Spark watches with equality selectors only; refusing beats silently watching too much.
            return status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest",
                    "MockKubernetes does not emulate set-based label selectors on watches: " + path);
        }
        MockResponse response = super.handleGet(request.withLabelSelector(selector.get().mockUnderstood()));
        if (response.code() != HttpURLConnection.HTTP_OK) {
            return response;
        }
        JsonNode body = readTree(response.getBody().readUtf8());
        if (body.path("items").isArray()) {
            ArrayNode items = (ArrayNode) body.path("items");
            ArrayNode kept = items.arrayNode();
            matching(items, selector.get()).forEach(kept::add);
            ((ObjectNode) body).set("items", kept);
        }
        return response.setBody(write(body));
    }

    @Override
    public MockResponse handleDelete(String path) {
        RequestPath request = RequestPath.parse(path);
        Optional<LabelSelector> selector = request.labelSelector().filter(LabelSelector::hasSetBased);
        if (selector.isEmpty()) {
            return super.handleDelete(path);
        }
        MockResponse listed = super.handleGet(request.withLabelSelector(selector.get().mockUnderstood()));
        if (listed.code() != HttpURLConnection.HTTP_OK) {
            return listed;
        }
        JsonNode items = readTree(listed.getBody().readUtf8()).path("items");
        List<String> deleted = new ArrayList<>();
        for (JsonNode item : matching(items, selector.get())) {
            JsonNode metadata = item.path("metadata");
            String namespace = metadata.hasNonNull("namespace") ? metadata.get("namespace").asText() : null;
            MockResponse one = super.handleDelete(request.itemPath(namespace, metadata.path("name").asText()));
            if (one.code() == HttpURLConnection.HTTP_OK) {
                deleted.add(one.getBody().readUtf8());
            }
        }
        return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK)
                .setBody(new KubernetesResponseComposer().compose(deleted, ""));
    }

    private static List<JsonNode> matching(JsonNode items, LabelSelector selector) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode item : items) {
            Map<String, String> labels = JSON.convertValue(item.path("metadata").path("labels"),
                    JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            if (selector.matchesSetBased(labels)) {
                matching.add(item);
            }
        }
        return matching;
    }

    // A real API server resets the status of a created pod to Pending; it never stores a client's status.
    private static String withPendingStatus(String body) {
        JsonNode pod;
        try {
            pod = JSON.readTree(body);
        } catch (IOException e) {
            return body; // the CRUD dispatcher answers malformed bodies itself
        }
        if (!(pod instanceof ObjectNode object)) {
            return body;
        }
        object.putObject("status").put("phase", "Pending");
        return write(object);
    }

    private static MockResponse forbidden(String namespace) {
        return status(HttpURLConnection.HTTP_FORBIDDEN, "Forbidden",
                "pods is forbidden: User \"system:serviceaccount:" + namespace + ":default\" cannot create resource "
                        + "\"pods\" in API group \"\" in the namespace \"" + namespace + "\"");
    }

    private static MockResponse status(int code, String reason, String message) {
        Status status = new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .withNewMetadata().endMetadata()
                .build();
        return new MockResponse().setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(status));
    }

    private static String write(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the CRUD dispatcher answered malformed JSON: " + json, e);
        }
    }
}
