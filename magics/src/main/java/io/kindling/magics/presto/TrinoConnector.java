package io.kindling.magics.presto;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** Opens trino-jdbc connections for a profile; secrets are read at connect time and go only to the driver. */
final class TrinoConnector {
    private final Map<String, String> environment;

    TrinoConnector(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * @param extraSession per-cell session properties, overriding the profile's
     */
    Connection connect(TrinoProfile profile, Map<String, String> extraSession) throws SQLException {
        requireNonNull(profile, "profile is null");
        Properties properties = new Properties();
        properties.setProperty("user", profile.user());
        properties.setProperty("source", profile.source());
        // A statement with parameters then runs as one EXECUTE IMMEDIATE query rather than PREPARE plus
        // EXECUTE (the driver's default): half the queries, and Trino's "line L:C" of an analysis error
        // stays a position in our statement instead of in Trino's reformatted copy of it (see TrinoFailures).
        properties.setProperty("explicitPrepare", "false");
        if (!profile.clientTags().isEmpty()) {
            properties.setProperty("clientTags", String.join(",", profile.clientTags()));
        }
        Map<String, String> session = new LinkedHashMap<>(profile.sessionProperties());
        session.putAll(extraSession);
        if (!session.isEmpty()) {
            properties.setProperty("sessionProperties", session.entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(";")));
        }
        if (profile.ssl()) {
            properties.setProperty("SSL", "true");
            profile.sslVerification().ifPresent(v -> properties.setProperty("SSLVerification", v));
        }
        try {
            profile.password().ifPresent(p -> properties.setProperty("password", p.reveal(environment)));
            profile.accessToken().ifPresent(t -> properties.setProperty("accessToken", t.reveal(environment)));
        } catch (IllegalStateException e) {
            throw new MagicError(ErrorName.MISSING_SECRET, "profile '" + profile.name() + "': " + e.getMessage());
        }
        return DriverManager.getConnection(jdbcUrl(profile), properties);
    }

    static String jdbcUrl(TrinoProfile profile) {
        String authority = profile.server().getHost() + (profile.server().getPort() > 0 ? ":" + profile.server().getPort() : "");
        return "jdbc:trino://" + authority
                + profile.catalog().map(c -> "/" + c + profile.schema().map(s -> "/" + s).orElse("")).orElse("");
    }
}
