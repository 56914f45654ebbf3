package io.kindling.magics.fsql;

import io.kindling.magics.magic.SourceText;

import java.util.Map;

/**
 * {@code %%fsql --explain}: one block per statement with its cell line, what it reads and makes, and
 * the SQL it sends to Spark (parameters as {@code ?} with their values after), without running anything.
 * <pre>
 * [1] line 2: SELECT -> per_region (view _fsql3_1_1)
 *     SQL: SELECT region, count(*) AS n FROM `_fsql3_1_nb_top` AS `top` GROUP BY region
 * [2] line 4: PRINT reads [1]
 * </pre>
 */
final class FsqlExplain {
    private FsqlExplain() {
    }

    static String describe(FsqlPlan plan, SourceText body) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> table : plan.notebookViews().entrySet()) {
            text.append("notebook table ").append(table.getKey()).append(" -> temporary view ").append(table.getValue()).append('\n');
        }
        for (Map.Entry<String, String> trino : plan.trinoViews().entrySet()) {
            text.append("Trino query ").append(trino.getValue()).append(" -> temporary view ").append(trino.getKey()).append('\n');
        }
        Lines lines = new Lines(body);
        for (FsqlPlan.Step step : plan.statements()) {
            FsqlStatement statement = step.statement();
            text.append('[').append(step.number()).append("] line ").append(lines.lineOf(statement.start())).append(": ")
                    .append(FsqlPlanner.keyword(statement.step()));
            step.input().ifPresent(input -> text.append(" reads ").append(input instanceof FsqlPlan.Result result
                    ? "[" + (result.index() + 1) + "]" : input instanceof FsqlPlan.Notebook notebook
                    ? "notebook table " + notebook.name() : "catalog table " + input.view()));
            if (!step.zipped().isEmpty()) {
                text.append(" zips ").append(String.join(", ", ((FsqlStep.Zip) statement.step()).frames()));
            }
            step.yieldName().ifPresent(name -> text.append(" binds ").append(name));
            step.view().ifPresent(view -> text.append(" -> ").append(statement.target().map(t -> t + " ").orElse(""))
                    .append("(view ").append(view).append(')'));
            text.append('\n');
            step.loads().forEach((view, load) -> text.append("    LOAD ").append(load.format().map(f -> f + " ").orElse(""))
                    .append('"').append(load.path()).append("\" -> temporary view ").append(view).append('\n'));
            step.sql().ifPresent(sql -> {
                text.append("    SQL: ").append(sql.sql().replace("\n", "\n         ")).append('\n');
                if (!sql.parameters().isEmpty()) {
                    text.append("    parameters: ").append(sql.parameters()).append('\n');
                }
            });
        }
        return text.toString();
    }

    /**
     * {@link SourceText#lineOf} for offsets asked in increasing order, as statements come: counts newlines from the
     * previous offset on, not from the start of the cell each time.
     */
    private static final class Lines {
        private final SourceText body;
        private int offset;
        private int line;

        Lines(SourceText body) {
            this.body = body;
            this.line = body.firstLine();
        }

        int lineOf(int at) {
            if (at < offset) {
                return body.lineOf(at);
            }
            String text = body.text();
            for (int end = Math.min(at, text.length()); offset < end; offset++) {
                if (text.charAt(offset) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }
}
