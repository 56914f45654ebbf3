package io.kindling.magics.presto;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names for completion in {@code %%presto} cells (catalogs, and the schemas, tables and columns of
 * a catalog), read from information_schema once per profile and catalog, then kept for the session.
 */
final class SchemaCache {
    /** One catalog's names: schemas, "schema.table" and column names by table. */
    record CatalogNames(Set<String> schemas, Map<String, List<String>> tablesBySchema, Map<String, Set<String>> columnsByTable) {
    }

    private final Map<String, Set<String>> catalogs = new ConcurrentHashMap<>();
    private final Map<String, CatalogNames> names = new ConcurrentHashMap<>();

    Set<String> catalogs(String profile, Connection connection) throws SQLException {
        Set<String> cached = catalogs.get(profile);
        if (cached == null) {
            cached = new TreeSet<>(column(connection, "SHOW CATALOGS"));
            catalogs.put(profile, cached);
        }
        return cached;
    }

    CatalogNames catalog(String profile, String catalog, Connection connection) throws SQLException {
        String key = profile + "/" + catalog;
        CatalogNames cached = names.get(key);
        if (cached != null) {
            return cached;
        }
        Set<String> schemas = new TreeSet<>();
        Map<String, List<String>> tables = new ConcurrentHashMap<>();
        Map<String, Set<String>> columns = new ConcurrentHashMap<>();
        String quoted = "\"" + catalog.replace("\"", "\"\"") + "\"";
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(20);
            try (ResultSet rows = statement.executeQuery("SELECT table_schema, table_name, column_name FROM " + quoted
                    + ".information_schema.columns WHERE table_schema <> 'information_schema'")) {
                while (rows.next()) {
                    String schema = rows.getString(1);
                    String table = rows.getString(2);
                    schemas.add(schema);
                    List<String> schemaTables = tables.computeIfAbsent(schema, s -> new ArrayList<>());
                    if (!schemaTables.contains(table)) {
                        schemaTables.add(table);
                    }
                    columns.computeIfAbsent(schema + "." + table, t -> new TreeSet<>()).add(rows.getString(3));
                }
            }
        }
        CatalogNames loaded = new CatalogNames(schemas, tables, columns);
        names.put(key, loaded);
        return loaded;
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
