package io.kindling.magics.hive;

import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.sql.SqlScript;
import io.kindling.magics.table.CollectedTable;
import io.kindling.magics.table.TableStats;
import io.kindling.magics.table.SparkTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.StringType;
import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A cell's statements on one Spark session with Hive support, in order: every statement is parsed
 * before any runs (a typo in the third must not leave the first two done), DDL and DML say what they
 * did, results of SHOW/DESCRIBE/EXPLAIN are shown, and the last query is handed to {@code lastQuery}
 * (written to files or collected) instead of being run here.
 */
final class SparkHiveScript {
    private final SparkSession session;
    private final SourceText body;
    private final List<SqlScript.Statement> statements;
    private final List<BoundStatement> bound;
    private final List<Boolean> queries = new ArrayList<>();

    SparkHiveScript(SparkSession session, SourceText body, List<SqlScript.Statement> statements, List<BoundStatement> bound) {
        this.session = requireNonNull(session, "session is null");
        this.body = requireNonNull(body, "body is null");
        this.statements = List.copyOf(statements);
        this.bound = List.copyOf(bound);
        if (statements.size() != bound.size()) {
            throw new IllegalArgumentException("one bound statement per statement");
        }
    }

    /** Parses every statement; the first that does not parse fails with its cell line and caret. */
    SparkHiveScript parse() {
        for (int i = 0; i < statements.size(); i++) {
            LogicalPlan plan;
            try {
                plan = session.sessionState().sqlParser().parsePlan(bound.get(i).sql());
            } catch (Exception e) {
                throw failure(e, i);
            }
            queries.add(!(plan instanceof Command) && !(plan instanceof InsertIntoStatement));
        }
        return this;
    }

    /** The index of the last statement that is a query (its rows are the cell's result), if any. */
    Optional<Integer> lastQuery() {
        for (int i = statements.size() - 1; i >= 0; i--) {
            if (queries.get(i)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** How many statements the cell has. */
    int size() {
        return statements.size();
    }

    /**
     * Runs statements {@code from} (inclusive) to {@code to} (exclusive), reporting each in the cell.
     *
     * @param previewRows rows shown of a query that is not the cell's result
     * @return the rows the last statement answered with (SHOW, DESCRIBE ...), if it did
     */
    Optional<DataFrame> run(int from, int to, int previewRows, MagicContext context) {
        Optional<DataFrame> answered = Optional.empty();
        for (int i = from; i < to; i++) {
            answered = Optional.empty();
            long started = System.nanoTime();
            Dataset<Row> result = dataset(i);
            String label = label(statements.get(i).text());
            if (queries.get(i)) {
                answered = Optional.empty();
                CollectedTable shown = collect(i, result, previewRows);
                context.out().println(label + ": " + (shown.truncated() ? "first " + TableStats.count(previewRows, "row")
                        : TableStats.count(shown.dataFrame().height(), "row"))
                        + seconds(started));
                context.display(shown.dataFrame());
                continue;
            }
            Optional<WriteMetrics> written = WriteMetrics.of(result);
            if (written.isPresent()) {
                context.out().println(label + ": " + written.get().describe() + seconds(started));
            } else if (!result.schema().isEmpty()) {
                answered = Optional.of(showCommandRows(result, i, context));
            } else {
                context.out().println(label + ": done" + seconds(started));
            }
        }
        return answered;
    }

    /** The lazy rows of statement {@code index}, a query. */
    Dataset<Row> query(int index) {
        return dataset(index);
    }

    /** A failure of statement {@code index} in the cell's terms. */
    RuntimeException failure(Throwable e, int index) {
        return SparkSqlFailures.explain(e, body, statements.get(index), bound.get(index), this::tableNames);
    }

    /** The statement's first words, e.g. {@code INSERT OVERWRITE TABLE rides.events}, for its report line. */
    static String label(String sql) {
        String text = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ").strip();
        String[] words = text.split("\\s+");
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < words.length && i < 4; i++) {
            String word = words[i];
            boolean keyword = word.matches("[A-Za-z]+") && !word.equalsIgnoreCase("SELECT") || i == 0;
            label.append(i == 0 ? "" : " ").append(keyword && i < 3 ? word.toUpperCase(Locale.ROOT) : word);
            if (!keyword || word.contains(".") || word.contains("(")) {
                break;
            }
        }
        return label.toString().replaceAll("[(;].*$", "");
    }

    private Dataset<Row> dataset(int index) {
        BoundStatement statement = bound.get(index);
        try {
            return statement.parameters().isEmpty() ? session.sql(statement.sql())
                    : session.sql(statement.sql(), statement.parameters().toArray());
        } catch (Exception e) {
            // Scala throws AnalysisException, a checked exception Java does not see declared.
            throw failure(e, index);
        }
    }

    private CollectedTable collect(int index, Dataset<Row> rows, long limit) {
        try {
            return SparkTables.toLocal(rows, limit);
        } catch (Exception e) {
            throw failure(e, index);
        }
    }

    /** SHOW, DESCRIBE, EXPLAIN, SET: small answers, shown whole (EXPLAIN's plan as text). */
    private DataFrame showCommandRows(Dataset<Row> result, int index, MagicContext context) {
        DataFrame rows = collect(index, result, 10_000).dataFrame();
        if (rows.width() == 1 && rows.height() == 1 && result.schema().fields()[0].dataType() instanceof StringType
                && String.valueOf(rows.getColumn(0).get(0)).contains("\n")) {
            context.out().println(rows.getColumn(0).get(0));
        } else {
            context.display(rows);
        }
        return rows;
    }

    /** Names a missing table may have meant: the databases, and the tables of the current one and of the one named. */
    private Collection<String> tableNames(String missing) {
        Collection<String> names = new TreeSet<>();
        try {
            var catalog = session.catalog();
            String current = catalog.currentDatabase();
            catalog.listTables(current).collectAsList().forEach(t -> {
                names.add(t.name());
                names.add(current + "." + t.name());
            });
            int dot = missing.lastIndexOf('.');
            if (dot > 0) {
                String database = missing.substring(0, dot);
                if (catalog.databaseExists(database)) {
                    catalog.listTables(database).collectAsList().forEach(t -> names.add(database + "." + t.name()));
                }
            }
        } catch (Exception e) {
            // Hints are a courtesy: a catalog that cannot list leaves the error as Spark gave it.
        }
        return names;
    }

    private static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - startedNanos) / 1e9);
    }
}
