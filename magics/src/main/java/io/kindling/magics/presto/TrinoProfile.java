package io.kindling.magics.presto;

import io.kindling.magics.config.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to reach one Trino (or Presto) cluster: a named entry of {@code profiles.yaml}.
 *
 * @param name              the profile's name, shown in errors
 * @param server            the coordinator's HTTP(S) address, e.g. {@code http://127.0.0.1:8080}
 * @param catalog           default catalog, if any
 * @param schema            default schema, if any
 * @param user              the user queries run as
 * @param source            reported to Trino as the query source
 * @param clientTags        Trino client tags
 * @param sessionProperties session properties set on every query
 * @param ssl               whether to use TLS
 * @param sslVerification   {@code FULL}, {@code CA} or {@code NONE}
 * @param password          password for LDAP/password authentication (requires TLS)
 * @param accessToken       a JWT/OAuth access token
 */
public record TrinoProfile(
        String name,
        URI server,
        Optional<String> catalog,
        Optional<String> schema,
        String user,
        String source,
        List<String> clientTags,
        Map<String, String> sessionProperties,
        boolean ssl,
        Optional<String> sslVerification,
        Optional<Secret> password,
        Optional<Secret> accessToken) {

    public TrinoProfile {
        requireNonNull(name, "name is null");
        requireNonNull(server, "server is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(user, "user is null");
        requireNonNull(source, "source is null");
        clientTags = List.copyOf(clientTags);
        sessionProperties = Map.copyOf(sessionProperties);
        requireNonNull(sslVerification, "sslVerification is null");
        requireNonNull(password, "password is null");
        requireNonNull(accessToken, "accessToken is null");
        if (schema.isPresent() && catalog.isEmpty()) {
            throw new IllegalArgumentException("profile '" + name + "': a schema needs a catalog");
        }
    }

    /** The same profile with a different default catalog and schema, for per-cell overrides. */
    public TrinoProfile withNamespace(Optional<String> newCatalog, Optional<String> newSchema) {
        Optional<String> catalogToUse = newCatalog.or(() -> catalog);
        Optional<String> schemaToUse = newSchema.or(() -> newCatalog.isPresent() ? Optional.empty() : schema);
        return new TrinoProfile(name, server, catalogToUse, schemaToUse, user, source, clientTags, sessionProperties,
                ssl, sslVerification, password, accessToken);
    }

    /** The address of the Trino web UI page of a query. */
    public String queryPage(String queryId) {
        return server.toString().replaceAll("/+$", "") + "/ui/query.html?" + queryId;
    }

    /** One line for listings; secrets are named by their source only. */
    public String describe() {
        return name + ": " + user + "@" + server
                + catalog.map(c -> " " + c + schema.map(s -> "." + s).orElse("")).orElse("")
                + password.map(p -> ", password " + p).orElse("")
                + accessToken.map(t -> ", token " + t).orElse("");
    }
}
