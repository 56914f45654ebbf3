package io.kindling.magics.presto;

import io.kindling.magics.magic.BudgetedLookup;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicCompletion;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Completes catalog, schema, table and column names in {@code %%presto} cells from the server's
 * information_schema: {@code cat.} offers schemas, {@code cat.schema.} or {@code schema.} offers tables,
 * a bare word offers catalogs, the default schema's tables and their columns.
 *
 * <p>A Tab must never freeze the notebook: names are looked up on a thread of the completer's own, and
 * a lookup that takes longer than the budget (a busy or distant server, a big catalog) answers nothing
 * this time while it goes on filling the cache, so the next Tab has the names.
 */
final class PrestoCompleter {
    private final PrestoSession session;
    private final BudgetedLookup lookups;

    /** @param budget how long a completion request waits for names from the server */
    PrestoCompleter(PrestoSession session, Duration budget) {
        this.session = requireNonNull(session, "session is null");
        this.lookups = new BudgetedLookup("kindling-presto-completion", budget);
    }

    Optional<MagicCompletion> complete(MagicArguments arguments, String body, int cursor) {
        // A lookup past the budget goes on and fills the cache for the next Tab.
        return lookups.within(() -> lookUp(arguments, body, cursor));
    }

    private Optional<MagicCompletion> lookUp(MagicArguments arguments, String body, int cursor) {
        int start = cursor;
        while (start > 0 && (Character.isLetterOrDigit(body.charAt(start - 1)) || "_.".indexOf(body.charAt(start - 1)) >= 0)) {
            start--;
        }
        String word = body.substring(start, cursor);
        String[] parts = word.split("\\.", -1);
        String last = parts[parts.length - 1];
        try {
            TrinoProfile profile = session.profile(arguments.value("profile"))
                    .withNamespace(arguments.value("catalog"), arguments.value("schema"));
            try (Connection connection = session.connector().connect(profile, Map.of())) {
                Collection<String> candidates = candidates(profile, connection, parts);
                List<String> matches = new ArrayList<>();
                for (String candidate : candidates) {
                    if (candidate.toLowerCase(Locale.ROOT).startsWith(last.toLowerCase(Locale.ROOT))) {
                        matches.add(candidate);
                    }
                }
                return Optional.of(new MagicCompletion(matches, cursor - last.length(), cursor));
            }
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Collection<String> candidates(TrinoProfile profile, Connection connection, String[] parts) throws SQLException {
        SchemaCache cache = session.schemas();
        if (parts.length == 3) {
            return cache.catalog(profile.name(), parts[0], connection).tablesBySchema().getOrDefault(parts[1], List.of());
        }
        if (parts.length == 2) {
            if (cache.catalogs(profile.name(), connection).contains(parts[0])) {
                return cache.catalog(profile.name(), parts[0], connection).schemas();
            }
            if (profile.catalog().isPresent()) {
                return cache.catalog(profile.name(), profile.catalog().get(), connection)
                        .tablesBySchema().getOrDefault(parts[0], List.of());
            }
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>(cache.catalogs(profile.name(), connection));
        if (profile.catalog().isPresent() && profile.schema().isPresent()) {
            SchemaCache.CatalogNames catalog = cache.catalog(profile.name(), profile.catalog().get(), connection);
            List<String> tables = catalog.tablesBySchema().getOrDefault(profile.schema().get(), List.of());
            names.addAll(tables);
            tables.forEach(t -> names.addAll(catalog.columnsByTable().getOrDefault(profile.schema().get() + "." + t, new TreeSet<>())));
        }
        return names;
    }
}
