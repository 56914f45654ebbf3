package io.kindling.magics.hive;

import io.kindling.magics.magic.BudgetedLookup;
import io.kindling.magics.magic.MagicCompletion;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Completes database, table and column names in {@code %%hive} cells from the Spark session's
 * catalog (the metastore): {@code db.} offers the database's tables; a bare word offers databases,
 * the current database's tables and the columns of tables the cell names. It reads the running
 * session only: a Tab never starts Spark.
 */
final class HiveCompleter {
    private static final Pattern TABLE_NAME = Pattern.compile("(?i)\\b(?:FROM|JOIN|TABLE|INTO|UPDATE)\\s+([A-Za-z_][\\w]*(?:\\.[A-Za-z_][\\w]*)?)");

    private final Supplier<Optional<SparkSession>> running;
    private final BudgetedLookup lookups;

    /** @param running the session cells run on, if one runs */
    HiveCompleter(Supplier<Optional<SparkSession>> running, Duration budget) {
        this.running = requireNonNull(running, "running is null");
        this.lookups = new BudgetedLookup("kindling-hive-completion", budget);
    }

    Optional<MagicCompletion> complete(String body, int cursor) {
        Optional<SparkSession> session = running.get();
        return session.isEmpty() ? Optional.empty() : lookups.within(() -> lookUp(session.get().catalog(), body, cursor));
    }

    private static Optional<MagicCompletion> lookUp(Catalog catalog, String body, int cursor) throws Exception {
        int start = cursor;
        while (start > 0 && (Character.isLetterOrDigit(body.charAt(start - 1)) || "_.".indexOf(body.charAt(start - 1)) >= 0)) {
            start--;
        }
        String word = body.substring(start, cursor);
        int dot = word.lastIndexOf('.');
        String last = word.substring(dot + 1);
        TreeSet<String> candidates = new TreeSet<>();
        if (dot > 0) {
            String database = word.substring(0, dot);
            if (catalog.databaseExists(database)) {
                catalog.listTables(database).collectAsList().forEach(t -> candidates.add(t.name()));
            }
        } else {
            catalog.listDatabases().collectAsList().forEach(d -> candidates.add(d.name()));
            catalog.listTables().collectAsList().forEach(t -> candidates.add(t.name()));
            Matcher named = TABLE_NAME.matcher(body);
            while (named.find()) {
                String table = named.group(1);
                if (catalog.tableExists(table)) {
                    catalog.listColumns(table).collectAsList().forEach(c -> candidates.add(c.name()));
                }
            }
        }
        List<String> matches = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate.toLowerCase(Locale.ROOT).startsWith(last.toLowerCase(Locale.ROOT))) {
                matches.add(candidate);
            }
        }
        return Optional.of(new MagicCompletion(matches, cursor - last.length(), cursor));
    }
}
