package io.kindling.magics.fsql;

import io.kindling.magics.sql.BoundStatement;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A cell checked and ready to run: for every statement, what it reads, the SQL it sends, and the
 * temporary view its result is registered under; and the notebook tables the cell reads, each with
 * the view it is registered under while the cell runs.
 *
 * @param statements    in cell order
 * @param notebookViews notebook variable name to its view name, for the tables the cell reads
 * @param trinoViews    view name to the Trino query whose rows it holds, for {@code presto.catalog.schema.table} and
 *                      {@code (PRESTO "SELECT ...")}
 */
record FsqlPlan(List<Step> statements, Map<String, String> notebookViews, Map<String, String> trinoViews) {
    FsqlPlan {
        statements = List.copyOf(statements);
        notebookViews = Map.copyOf(notebookViews);
        trinoViews = Map.copyOf(trinoViews);
    }

    /** Where a step's input comes from: an earlier statement's result, or a notebook table. */
    sealed interface Input {
        String view();
    }

    /** The result of statement {@code index} (0-based). */
    record Result(int index, String view) implements Input {
    }

    /** The notebook table {@code name}. */
    record Notebook(String name, String view) implements Input {
    }

    /** A table of Spark's catalog, e.g. a Hive table; its name is what Spark reads. */
    record Catalog(String name) implements Input {
        @Override
        public String view() {
            return name;
        }
    }

    /**
     * One statement, planned.
     *
     * @param number    its 1-based number in the cell
     * @param statement as parsed
     * @param input     what a non-SELECT step reads
     * @param sql       what a SELECT sends to Spark
     * @param view      the temporary view of its result, if it has one
     * @param yieldName the notebook variable a YIELD binds
     * @param loads     view name to the files a SELECT's nested {@code (LOAD ...)} reads, registered just before it runs
     * @param zipped    what a ZIP reads, in its order
     */
    record Step(int number, FsqlStatement statement, Optional<Input> input, Optional<BoundStatement> sql, Optional<String> view,
                Optional<String> yieldName, Map<String, FsqlStep.Load> loads, List<Input> zipped) {
        Step {
            zipped = List.copyOf(zipped);
            loads = Map.copyOf(loads);
            requireNonNull(statement, "statement is null");
            requireNonNull(input, "input is null");
            requireNonNull(sql, "sql is null");
            requireNonNull(view, "view is null");
            requireNonNull(yieldName, "yieldName is null");
        }
    }
}
