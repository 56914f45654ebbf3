package io.kindling.magics.fsql;

import org.apache.spark.sql.SparkSession;
import scala.collection.immutable.Seq;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Whether Spark's catalog has a table of a given name, as {@code Catalog.tableExists} answers, for one cell's
 * planning: each name is asked once (nothing runs while a cell is planned, so the answer cannot change), and a
 * temporary view, the usual way notebook code registers a table, is found in the session catalog directly.
 * {@code tableExists} answers true for it too, but only after running the analyzer on the name, about a
 * millisecond even on local Spark.
 * <pre>{@code
 * CatalogTables catalog = new CatalogTables(spark);
 * catalog.exists("events");          // a temporary view: true, without the analyzer
 * catalog.exists("rides.events");    // a Hive table: asks Catalog.tableExists
 * }</pre>
 */
final class CatalogTables {
    private final SparkSession session;
    private final Map<String, Boolean> answers = new HashMap<>();

    CatalogTables(SparkSession session) {
        this.session = requireNonNull(session, "session is null");
    }

    /** Whether {@code name} (parts joined by dots, as SQL writes them) names a table or view; false when it cannot be looked up. */
    boolean exists(String name) {
        requireNonNull(name, "name is null");
        return answers.computeIfAbsent(name, this::lookUp);
    }

    private boolean lookUp(String name) {
        try {
            // The same parse and temporary-view check tableExists starts with.
            Seq<String> parts = session.sessionState().sqlParser().parseMultipartIdentifier(name);
            if (parts.length() <= 2 && session.sessionState().catalog().isTempView(parts)) {
                return true;
            }
            return session.catalog().tableExists(name);
        } catch (Exception e) {
            // A name the catalog cannot even look up (a missing database, a foreign catalog) is not there.
            return false;
        }
    }
}
