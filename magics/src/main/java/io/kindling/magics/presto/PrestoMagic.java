package io.kindling.magics.presto;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.Cancellation;
import io.kindling.magics.magic.CellMagic;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicCompletion;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.MagicSpec;
import io.kindling.magics.magic.MagicUsageException;
import io.kindling.magics.chart.PlotOption;
import io.kindling.magics.magic.OptionSpec;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.sql.ParameterBinder;
import io.kindling.magics.sql.ParameterCompletion;
import io.kindling.magics.sql.SqlDialect;
import io.kindling.magics.sql.SqlScript;
import io.kindling.magics.table.NotebookTables;
import io.kindling.magics.table.TableOrigin;
import io.kindling.magics.table.TableStats;
import io.kindling.magics.table.jdbc.ReadResult;
import io.kindling.magics.table.jdbc.ResultReader;
import io.trino.jdbc.TrinoResultSet;
import io.trino.jdbc.TrinoStatement;
import org.dflib.DataFrame;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code %%presto [target]}: runs the cell's SQL on Trino and binds the result as a DFLib
 * {@link DataFrame} named {@code target} (or {@value #DEFAULT_TARGET}).
 * <pre>
 * %%presto top --limit 1000
 * SELECT regionkey, count(*) AS n FROM tpch.tiny.nation GROUP BY 1 ORDER BY n DESC
 * </pre>
 * A Java cell then uses {@code top} directly, e.g. {@code top.height()}. {@code {name}} in the SQL
 * sends the notebook variable {@code name} as a bound parameter.
 */
public final class PrestoMagic implements CellMagic {
    /** Java reserves {@code _}, so an unnamed result is bound here. */
    public static final String DEFAULT_TARGET = "_presto";
    /** Rows fetched at most unless {@code --limit} says otherwise. */
    public static final long DEFAULT_MAX_ROWS = 1_000_000;
    /** How long Tab waits for names from Trino before answering without them (they keep loading). */
    private static final Duration COMPLETION_BUDGET = Duration.ofSeconds(3);

    private static final MagicSpec SPEC = new MagicSpec("presto", MagicSpec.Kind.CELL,
            "Runs SQL on Trino (Presto) and binds the result as a DFLib DataFrame; {name} sends a notebook variable as a parameter.",
            List.of("target"), false,
            List.of(OptionSpec.value("profile", 'p', "NAME", "connection profile from profiles.yaml (default: %presto --use, else the file's default)"),
                    OptionSpec.value("catalog", 'c', "CATALOG", "default catalog for this cell"),
                    OptionSpec.value("schema", (char) 0, "SCHEMA", "default schema for this cell"),
                    OptionSpec.repeated("session", 's', "KEY=VALUE", "a Trino session property for this cell"),
                    OptionSpec.value("limit", 'l', "N", "fetch at most N rows and bind them (default: fail above 1,000,000 rows)"),
                    OptionSpec.flag("quiet", 'q', "no progress line and no table; just bind the result"),
                    OptionSpec.value("plot", (char) 0, PlotOption.USAGE, PlotOption.HELP)),
            "%%presto nations --catalog tpch --schema tiny\nSELECT name, regionkey FROM nation WHERE regionkey = {region}");

    private final PrestoSession session;
    private final NotebookTables tables;
    private final long defaultMaxRows;
    private final PrestoCompleter completer;

    /** @param tables where results are bound, with where they came from */
    public PrestoMagic(PrestoSession session, NotebookTables tables, long defaultMaxRows) {
        this.session = requireNonNull(session, "session is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.completer = new PrestoCompleter(session, COMPLETION_BUDGET);
        if (defaultMaxRows < 1) {
            throw new IllegalArgumentException("defaultMaxRows must be positive");
        }
        this.defaultMaxRows = defaultMaxRows;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Optional<Object> run(MagicArguments arguments, String body, MagicContext context) throws SQLException {
        String target = arguments.positional(0).orElse(DEFAULT_TARGET);
        if (!target.matches("[A-Za-z$][A-Za-z0-9_$]*|_[A-Za-z0-9_$]+")) {
            throw new MagicUsageException("'" + target + "' is not a Java variable name to bind the result to", SPEC.usageLine());
        }
        Optional<Long> limit = arguments.longValue("limit", 1);
        boolean quiet = arguments.has("quiet");
        Optional<PlotOption> plot = arguments.value("plot").map(value -> PlotOption.parse(value, SPEC.usageLine()));
        TrinoProfile profile = session.profile(arguments.value("profile"))
                .withNamespace(arguments.value("catalog"), arguments.value("schema"));
        Map<String, String> sessionProperties = sessionProperties(arguments.values("session"));
        List<SqlScript.Statement> statements = SqlScript.split(body, SqlDialect.TRINO);
        if (statements.isEmpty()) {
            throw new MagicUsageException("the cell has no SQL below the %%presto line", SPEC.usageLine());
        }
        SourceText source = new SourceText(body, 2);
        ParameterBinder binder = new ParameterBinder(SqlDialect.TRINO, context::lookup, context.variableNames());
        ResultReader reader = new ResultReader(new TrinoTypes(), limit.orElse(defaultMaxRows));
        Optional<Object> shown = Optional.empty();
        DataFrame last = null;
        try (Connection connection = connect(profile, sessionProperties)) {
            for (SqlScript.Statement statement : statements) {
                BoundStatement bound = binder.bind(statement, source);
                Outcome outcome = execute(connection, profile, source, statement, bound, reader, limit.isPresent(), quiet, context);
                if (outcome.table() != null) {
                    tables.bind(context, target, outcome.table(), new TableOrigin("presto", describe(profile),
                            Optional.of(profile.name()), outcome.queryId(), statement.text(), outcome.elapsed()));
                    last = outcome.table();
                }
                shown = quiet ? Optional.empty() : outcome.shown();
            }
        }
        if (plot.isPresent() && last != null) {
            context.display(plot.get().chartOf(last));
        }
        return shown;
    }

    /**
     * Runs one query written by another engine ({@code %%fsql} reading {@code presto.catalog.schema.table})
     * on the profile cells use by default, with the cell's progress line and interrupt, and returns its rows
     * (capped as a cell's result is).
     * <pre>{@code
     * DataFrame nations = prestoMagic.fetch("SELECT * FROM \"tpch\".\"tiny\".\"nation\"", context);
     * }</pre>
     */
    public DataFrame fetch(String sql, MagicContext context) {
        requireNonNull(sql, "sql is null");
        TrinoProfile profile = session.profile(Optional.empty());
        SqlScript.Statement statement = new SqlScript.Statement(sql, 0);
        BoundStatement bound = new BoundStatement(sql, List.of(), List.of());
        try (Connection connection = connect(profile, Map.of())) {
            Outcome outcome = execute(connection, profile, new SourceText(sql, 1), statement, bound,
                    new ResultReader(new TrinoTypes(), defaultMaxRows), false, false, context);
            if (outcome.table() == null) {
                throw new MagicError(ErrorName.QUERY_FAILED, "Trino returned no rows for: " + sql);
            }
            return outcome.table();
        } catch (SQLException e) {
            throw context.cancellation().isCancelled()
                    ? new MagicError(ErrorName.INTERRUPTED, "interrupted: the Trino query was cancelled: " + sql, List.of(), e)
                    : new MagicError(ErrorName.QUERY_FAILED, "Trino failed on " + sql + ": " + e.getMessage(), List.of(), e);
        }
    }

    /** What one statement produced: a table to bind (if it returned rows), what to show, and its lineage. */
    private record Outcome(DataFrame table, Optional<Object> shown, Optional<String> queryId, Duration elapsed) {
        static Outcome noTable() {
            return new Outcome(null, Optional.empty(), Optional.empty(), Duration.ZERO);
        }
    }

    /** Where a profile reads from by default, e.g. {@code tpch.tiny via warehouse}. */
    private static String describe(TrinoProfile profile) {
        String namespace = profile.catalog().map(c -> c + profile.schema().map(s -> "." + s).orElse("")).orElse("Trino");
        return namespace + " via " + profile.name();
    }

    private Outcome execute(Connection connection, TrinoProfile profile, SourceText source, SqlScript.Statement statement,
                            BoundStatement bound, ResultReader reader, boolean explicitLimit, boolean quiet,
                            MagicContext context) throws SQLException {
        long started = System.nanoTime();
        QueryProgress progress = quiet ? null : new QueryProgress(context.liveDisplay("QUEUED"), profile);
        try (Statement jdbc = bound.parameters().isEmpty() ? connection.createStatement() : prepare(connection, bound)) {
            TrinoStatement trino = jdbc.unwrap(TrinoStatement.class);
            if (progress != null) {
                trino.setProgressMonitor(progress::onStats);
            }
            try (Cancellation.Registration cancel = context.cancellation().onCancel(() -> cancelQuietly(jdbc))) {
                boolean hasRows = jdbc instanceof PreparedStatement prepared ? prepared.execute() : jdbc.execute(bound.sql());
                if (!hasRows) {
                    long updated = jdbc.getLargeUpdateCount();
                    String summary = Optional.ofNullable(trino.getUpdateType()).orElse("OK")
                            + (updated >= 0 ? ": " + TableStats.count(updated, "row") : "");
                    finish(progress, summary, started);
                    return Outcome.noTable();
                }
                try (ResultSet rows = jdbc.getResultSet()) {
                    ReadResult result = reader.read(rows, count -> { });
                    if (result.truncated()) {
                        cancelQuietly(jdbc);
                        if (!explicitLimit) {
                            throw new MagicError(ErrorName.TOO_MANY_ROWS, "the result has more than " + TableStats.count(result.rows(), "row")
                                    + ", more than a notebook table should hold; nothing was bound. Aggregate or add a LIMIT, "
                                    + "pass --limit N to keep the first N rows, or use %%hive to write big results to files");
                        }
                    }
                    finish(progress, TableStats.count(result.rows(), "row")
                            + (result.truncated() ? " (first " + String.format(Locale.ROOT, "%,d", result.rows()) + ", --limit)" : ""), started);
                    String queryId = rows.unwrap(TrinoResultSet.class).getQueryId();
                    return new Outcome(result.dataFrame(), Optional.of(shownValue(result.dataFrame())),
                            Optional.ofNullable(queryId), Duration.ofNanos(System.nanoTime() - started));
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (progress != null) {
                if (context.cancellation().isCancelled()) {
                    progress.cancelled((System.nanoTime() - started) / 1_000_000);
                } else {
                    progress.failed();
                }
            }
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (context.cancellation().isCancelled()) {
                throw (SQLException) e;
            }
            throw TrinoFailures.explain((SQLException) e, profile, connection, source, statement, bound);
        }
    }

    private static PreparedStatement prepare(Connection connection, BoundStatement bound) throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(bound.sql());
        for (int i = 0; i < bound.parameters().size(); i++) {
            prepared.setObject(i + 1, bound.parameters().get(i));
        }
        return prepared;
    }

    /** EXPLAIN answers with one text column: show it as text, not as a one-cell table. */
    private static Object shownValue(DataFrame table) {
        if (table.width() == 1 && table.getColumnsIndex().get(0).equals("Query Plan") && table.height() == 1) {
            return String.valueOf(table.getColumn(0).get(0));
        }
        return table;
    }

    private static void finish(QueryProgress progress, String summary, long startedNanos) {
        if (progress != null) {
            progress.finish(summary, (System.nanoTime() - startedNanos) / 1_000_000);
        }
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            // The query may already be finished; nothing is left to cancel.
        }
    }

    private Connection connect(TrinoProfile profile, Map<String, String> sessionProperties) {
        try {
            return session.connector().connect(profile, sessionProperties);
        } catch (SQLException e) {
            throw TrinoFailures.connectionFailure(e, profile);
        }
    }

    private static Map<String, String> sessionProperties(List<String> pairs) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new MagicUsageException("--session expects KEY=VALUE, got '" + pair + "'", SPEC.usageLine());
            }
            properties.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return properties;
    }

    @Override
    public Optional<MagicCompletion> complete(MagicArguments arguments, String body, int cursor) {
        return completer.complete(arguments, body, cursor);
    }

    /** <code>{</code> completes notebook variable names (a parameter); elsewhere, the server's names. */
    @Override
    public Optional<MagicCompletion> complete(MagicArguments arguments, String body, int cursor, Set<String> variableNames) {
        return ParameterCompletion.complete(SqlDialect.TRINO, body, cursor, variableNames)
                .or(() -> complete(arguments, body, cursor));
    }
}
