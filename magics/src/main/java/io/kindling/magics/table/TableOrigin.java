package io.kindling.magics.table;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where an engine got a table from, as the engine knows it: what the notebook shows under the table
 * and in {@code %tables}.
 * <pre>{@code
 * new TableOrigin("presto", "tpch.tiny via warehouse", Optional.of("warehouse"),
 *         Optional.of("20261202_101500_00001_abcde"), "SELECT * FROM nation", Duration.ofMillis(420));
 * }</pre>
 *
 * @param engine  the magic that made it, e.g. {@code presto}
 * @param source  where the data came from, in the engine's words, e.g. {@code tpch.tiny via warehouse}
 * @param profile the connection profile used, if any
 * @param queryId the engine's id of the query, to find it in the engine's UI
 * @param sql     the statement as the user wrote it
 * @param elapsed how long the engine took
 */
public record TableOrigin(String engine, String source, Optional<String> profile, Optional<String> queryId, String sql,
                          Duration elapsed) {
    public TableOrigin {
        requireNonNull(engine, "engine is null");
        requireNonNull(source, "source is null");
        requireNonNull(profile, "profile is null");
        requireNonNull(queryId, "queryId is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(elapsed, "elapsed is null");
    }
}
