package io.kindling.magics.spark.k8s;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The path and decoded query of one API request as the mock server sees it
 * ({@code /api/v1/namespaces/default/pods?labelSelector=...}), with the few rewrites
 * {@link ApiServerDispatcher} needs.
 *
 * @param resource the path without the query
 * @param query    the decoded query parameters, in request order
 */
record RequestPath(String resource, Map<String, String> query) {
    // A collection across namespaces: /api/v1/pods, /apis/apps/v1/deployments.
    private static final Pattern ALL_NAMESPACES = Pattern.compile("^(/api/v1|/apis/[^/]+/[^/]+)/([^/]+)$");

    RequestPath {
        requireNonNull(resource, "resource is null");
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    static RequestPath parse(String path) {
        requireNonNull(path, "path is null");
        int mark = path.indexOf('?');
        if (mark < 0) {
            return new RequestPath(path, Map.of());
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String parameter : path.substring(mark + 1).split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            query.put(URLDecoder.decode(name, UTF_8), URLDecoder.decode(value, UTF_8));
        }
        return new RequestPath(path.substring(0, mark), query);
    }

    Optional<LabelSelector> labelSelector() {
        return Optional.ofNullable(query.get("labelSelector")).map(LabelSelector::parse);
    }

    boolean isWatch() {
        return "true".equals(query.get("watch"));
    }

    boolean isDryRun() {
        return query.containsKey("dryRun");
    }

    /** This request with its label selector replaced (dropped when {@code selector} is empty). */
    String withLabelSelector(String selector) {
        Map<String, String> rewritten = new LinkedHashMap<>(query);
        if (selector.isEmpty()) {
            rewritten.remove("labelSelector");
        } else {
            rewritten.put("labelSelector", selector);
        }
        if (rewritten.isEmpty()) {
            return resource;
        }
        return resource + "?" + rewritten.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The path of one item of this collection, e.g. {@code /api/v1/namespaces/default/pods/p-1}. */
    String itemPath(String namespace, String name) {
        Matcher allNamespaces = ALL_NAMESPACES.matcher(resource);
        if (namespace != null && allNamespaces.matches()) {
            return allNamespaces.group(1) + "/namespaces/" + namespace + "/" + allNamespaces.group(2) + "/" + name;
        }
        return resource + "/" + name;
    }

    private static String encode(String s) {
        // URLEncoder is form encoding; the mock's URL parser wants %20 for spaces.
        return URLEncoder.encode(s, UTF_8).replace("+", "%20");
    }
}
