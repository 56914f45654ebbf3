package io.kindling.magics.fsql;

import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.table.TableKind;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Checks a parsed cell and plans it, before anything runs: binds every {@code {name}}, hands each
 * SELECT to Spark's parser, resolves every name it reads (dataframes assigned earlier in the cell,
 * then notebook tables, then Spark's catalog) and rewrites names of the first two kinds to the
 * temporary views they will be registered under; a SELECT without FROM reads the previous result.
 * An unknown name fails with its cell line, a caret and the closest names.
 * <pre>{@code
 * FsqlPlan plan = new FsqlPlanner(spark, context::lookup, context.variableNames(), context::variableType, context::methods,
 *         "_fsql7", TrinoQueries.NONE).plan(cell);
 * }</pre>
 */
final class FsqlPlanner {
    /** Query clauses a FROM goes before when a SELECT reads the previous result. */
    private static final Set<String> AFTER_FROM = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "WINDOW",
            "CLUSTER", "DISTRIBUTE", "SORT", "QUALIFY", "UNION", "INTERSECT", "EXCEPT", "MINUS", "LATERAL");
    /** {@code parquet.`/path`}: Spark reads the files; not a catalog name. */
    private static final Set<String> FILE_FORMATS = Set.of("parquet", "csv", "json", "orc", "text", "avro", "delta");
    /** The first part of a Trino table's name in a SELECT: {@code presto.catalog.schema.table}. */
    static final String TRINO_PREFIX = "presto";
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z$][A-Za-z0-9_$]*|_[A-Za-z0-9_$]+");
    /** Where a step's class name starts a word: {@code DropRows} is {@code DROP ROWS}. */
    private static final Pattern WORD_START = Pattern.compile("([a-z])([A-Z])");

    private final SparkSession session;
    private final Function<String, Optional<Object>> variables;
    private final Set<String> variableNames;
    private final String prefix;
    private final TrinoQueries trino;
    private final FsqlParameters parameters;
    private final Function<String, Optional<Type>> variableTypes;
    private final Function<String, List<Method>> methods;
    private final CatalogTables catalog;

    /**
     * @param prefix starts every temporary view name of this cell, e.g. {@code _fsql7_1}
     * @param trino  where {@code presto.catalog.schema.table} is read, or {@link TrinoQueries#NONE}
     */
    FsqlPlanner(SparkSession session, Function<String, Optional<Object>> variables, Set<String> variableNames,
                Function<String, Optional<Type>> variableTypes, Function<String, List<Method>> methods, String prefix,
                TrinoQueries trino) {
        this.variableTypes = requireNonNull(variableTypes, "variableTypes is null");
        this.methods = requireNonNull(methods, "methods is null");
        this.trino = requireNonNull(trino, "trino is null");
        this.session = requireNonNull(session, "session is null");
        this.catalog = new CatalogTables(session);
        requireNonNull(variables, "variables is null");
        // A notebook lookup may compile a snippet (the kernel evaluates the name): each name is looked up once per plan.
        Map<String, Optional<Object>> looked = new java.util.HashMap<>();
        this.variables = name -> looked.computeIfAbsent(name, variables);
        this.variableNames = Set.copyOf(variableNames);
        this.parameters = new FsqlParameters(this.variables, this.variableNames);
        this.prefix = requireNonNull(prefix, "prefix is null");
    }

    FsqlPlan plan(FsqlCell cell) {
        SourceText body = cell.body();
        Map<String, Integer> assigned = new LinkedHashMap<>();
        Map<String, String> notebookViews = new LinkedHashMap<>();
        Map<String, String> trinoViews = new LinkedHashMap<>();
        List<FsqlPlan.Step> steps = new ArrayList<>();
        Optional<FsqlPlan.Input> previous = Optional.empty();
        Optional<String> previousName = Optional.empty();
        for (int i = 0; i < cell.statements().size(); i++) {
            FsqlStatement statement = cell.statements().get(i);
            FsqlStep step = statement.step();
            if (statement.target().isPresent() && !step.producesDataframe()) {
                throw located(ErrorName.SEMANTIC_ERROR, statement, body, keyword(step) + " gives no dataframe to assign to "
                        + statement.target().get() + (step instanceof FsqlStep.Yield ? "; write YIELD ... AS " + statement.target().get() : ""));
            }
            Optional<String> view = step.producesDataframe() ? Optional.of(prefix + "_" + (i + 1)) : Optional.empty();
            Optional<BoundStatement> sql = Optional.empty();
            Optional<FsqlPlan.Input> input = Optional.empty();
            Optional<String> yieldName = Optional.empty();
            Map<String, FsqlStep.Load> loads = new LinkedHashMap<>();
            if (step instanceof FsqlStep.Select select) {
                sql = Optional.of(query(statement, i + 1, select, body, assigned, notebookViews, trinoViews, loads, previous));
            } else if (step.readsPrevious()) {
                Optional<String> from = step.from();
                if (from.isPresent()) {
                    input = Optional.of(named(from.get(), statement, body, assigned, notebookViews));
                } else if (previous.isPresent()) {
                    input = previous;
                } else {
                    throw located(ErrorName.SEMANTIC_ERROR, statement, body, keyword(step)
                            + " has no dataframe to read: no statement before it gave one; name one with FROM");
                }
            }
            if (step instanceof FsqlStep.Yield yielded) {
                Optional<String> assignedBefore = previousName;
                yieldName = Optional.of(yielded.name().or(() -> assignedBefore).orElseThrow(() -> located(ErrorName.SEMANTIC_ERROR,
                        statement, body, "YIELD needs AS name: the statement before it assigns no name")));
                if (!JAVA_NAME.matcher(yieldName.get()).matches()) {
                    throw located(ErrorName.SEMANTIC_ERROR, statement, body, "'" + yieldName.get()
                            + "' is not a Java variable name to bind the result to");
                }
            }
            if (step instanceof FsqlStep.Transform transform) {
                checkFunction(transform, statement, body);
            }
            List<FsqlPlan.Input> zipped = new ArrayList<>();
            if (step instanceof FsqlStep.Zip zip) {
                zip.frames().forEach(frame -> zipped.add(named(frame, statement, body, assigned, notebookViews)));
            }
            steps.add(new FsqlPlan.Step(i + 1, statement, input, sql, view, yieldName, loads, zipped));
            if (view.isPresent()) {
                previous = Optional.of(new FsqlPlan.Result(i, view.get()));
                previousName = statement.target();
                statement.target().ifPresent(t -> assigned.put(t, steps.size() - 1));
            }
        }
        return new FsqlPlan(steps, notebookViews, trinoViews);
    }

    private void checkFunction(FsqlStep.Transform transform, FsqlStatement statement, SourceText body) {
        String name = transform.function();
        try {
            Optional<Object> variable = variables.apply(name);
            FsqlFunction.resolve(transform, variable, variable.isPresent() || variableNames.contains(name), variableTypes.apply(name),
                    methods.apply(name));
        } catch (MagicError e) {
            String hint = e.errorName().equals(ErrorName.UNKNOWN_VARIABLE.name())
                    ? CloseNames.hint(name, variableNames, "") + "; assign the function to a variable or define the method in a Java cell first" : "";
            throw located(ErrorName.valueOf(e.errorName()), statement, body, e.getMessage() + hint);
        }
    }

    /** The SQL to send for a SELECT: parameters bound, names of cell results and notebook tables made views. */
    private BoundStatement query(FsqlStatement statement, int number, FsqlStep.Select select, SourceText body, Map<String, Integer> assigned,
                                 Map<String, String> notebookViews, Map<String, String> trinoViews, Map<String, FsqlStep.Load> loads,
                                 Optional<FsqlPlan.Input> previous) {
        BoundStatement bound = nested(select, number, parameters(select, body), body, trinoViews, loads);
        Set<String> nestedViews = new java.util.HashSet<>(trinoViews.keySet());
        nestedViews.addAll(loads.keySet());
        LogicalPlan parsed;
        try {
            parsed = session.sessionState().sqlParser().parsePlan(bound.sql());
        } catch (Exception e) {
            throw FsqlFailures.explain(e, body, statement, number, Optional.of(bound), select.offset());
        }
        List<QueryRelations.Relation> relations = QueryRelations.of(parsed);
        List<SqlEdits.Edit> edits = new ArrayList<>();
        for (QueryRelations.Relation relation : relations) {
            if (relation.parts().size() == 1 && nestedViews.contains(relation.parts().get(0))) {
                continue;     // a (PRESTO ...) or (LOAD ...) written in this SELECT, already a view
            }
            Optional<String> view = relation.parts().size() == 1
                    ? cellOrNotebook(relation.parts().get(0), assigned, notebookViews)
                    : trino(relation, select, bound, body, trinoViews);
            if (view.isPresent()) {
                if (relation.start() < 0) {
                    throw new MagicError(ErrorName.SEMANTIC_ERROR, "Spark's parser did not say where '" + relation.name()
                            + "' is in the query, so it cannot be read from the notebook");
                }
                String quoted = "`" + view.get() + "`";
                String alias = relation.parts().get(relation.parts().size() - 1);
                // TABLE name takes no alias; it has no columns to qualify by the name either.
                boolean bare = relation.aliased() || afterTableKeyword(bound.sql(), relation.start());
                edits.add(new SqlEdits.Edit(relation.start(), relation.end(),
                        bare ? quoted : quoted + " AS `" + alias.replace("`", "``") + "`"));
            } else if (!inCatalog(relation)) {
                int start = select.offset() + bound.writtenOffset(Math.max(0, relation.start()));
                int end = select.offset() + bound.writtenOffset(Math.max(0, relation.end()));
                throw unknown(relation.name(), start, end, body, assigned.keySet());
            }
        }
        if (relations.isEmpty() && previous.isPresent()) {
            fromInsertion(bound.sql()).ifPresent(at -> edits.add(new SqlEdits.Edit(at, at, " FROM `" + previous.get().view() + "` ")));
        }
        return SqlEdits.apply(bound, edits);
    }

    /**
     * The SELECT with each {@code (PRESTO "...")} and {@code (LOAD ...)} replaced by a subquery over the view that
     * will hold its rows: a Trino query is fetched once per cell (the same text in two statements is one fetch), files
     * are read when the statement runs. A subquery rather than a bare name, so {@code (LOAD "a") UNION ALL (LOAD "b")}
     * stays a query.
     */
    private BoundStatement nested(FsqlStep.Select select, int number, BoundStatement bound, SourceText body,
                                  Map<String, String> trinoViews, Map<String, FsqlStep.Load> loads) {
        List<SqlEdits.Edit> edits = new ArrayList<>();
        for (NestedSource source : select.sources()) {
            String view;
            if (source.read() instanceof NestedSource.Presto presto) {
                if (trino == TrinoQueries.NONE) {
                    int start = select.offset() + source.start();
                    throw new MagicError(ErrorName.UNKNOWN_TABLE, body.positionOf(start) + ": (PRESTO ...): this kernel has no Trino for %%fsql")
                            .at(body.positionOf(start), List.of(body.caret(start, select.offset() + source.end())));
                }
                view = trinoView(presto.sql(), false, trinoViews);
            } else {
                view = prefix + "_" + number + "_load_" + (loads.size() + 1);
                loads.put(view, ((NestedSource.Load) source.read()).load());
            }
            edits.add(new SqlEdits.Edit(bound.sentOffset(source.start()), bound.sentOffset(source.end()), "(SELECT * FROM `" + view + "`)"));
        }
        return SqlEdits.apply(bound, edits);
    }

    /** The view that holds a Trino query's rows, shared by every place in the cell that reads the same query. */
    private String trinoView(String sql, boolean ignoreCase, Map<String, String> trinoViews) {
        for (Map.Entry<String, String> known : trinoViews.entrySet()) {
            if (ignoreCase ? known.getValue().equalsIgnoreCase(sql) : known.getValue().equals(sql)) {
                return known.getKey();
            }
        }
        String view = prefix + "_trino_" + (trinoViews.size() + 1);
        trinoViews.put(view, sql);
        return view;
    }

    /**
     * The view a {@code presto.catalog.schema.table} name reads: the table's rows fetched from Trino when
     * the cell runs (once per table and cell); empty for any other name.
     */
    private Optional<String> trino(QueryRelations.Relation relation, FsqlStep.Select select, BoundStatement bound, SourceText body,
                                   Map<String, String> trinoViews) {
        List<String> parts = relation.parts();
        if (!parts.get(0).equalsIgnoreCase(TRINO_PREFIX)) {
            return Optional.empty();
        }
        if (parts.size() != 4) {
            int start = select.offset() + bound.writtenOffset(Math.max(0, relation.start()));
            int end = select.offset() + bound.writtenOffset(Math.max(0, relation.end()));
            throw new MagicError(ErrorName.UNKNOWN_TABLE, "'" + relation.name() + "' at " + body.positionOf(start)
                    + ": a Trino table is named presto.catalog.schema.table (four parts)")
                    .at(body.positionOf(start), List.of(body.caret(start, Math.max(start + 1, end))));
        }
        if (trino == TrinoQueries.NONE) {
            throw new MagicError(ErrorName.UNKNOWN_TABLE, "'" + relation.name() + "': this kernel has no Trino for %%fsql");
        }
        String sql = "SELECT * FROM " + String.join(".", parts.subList(1, 4).stream()
                .map(p -> "\"" + p.replace("\"", "\"\"") + "\"").toList());
        // Trino's unquoted names are case-insensitive: PRESTO.TPCH.tiny.nation is the same table.
        return Optional.of(trinoView(sql, true, trinoViews));
    }

    private BoundStatement parameters(FsqlStep.Select select, SourceText body) {
        return parameters.bind(select.sql(), select.offset(), body);
    }

    /** The view a one-part name reads: a result assigned earlier in the cell, else a notebook table. */
    private Optional<String> cellOrNotebook(String name, Map<String, Integer> assigned, Map<String, String> notebookViews) {
        return cellOrNotebookInput(name, assigned, notebookViews).map(FsqlPlan.Input::view);
    }

    private Optional<FsqlPlan.Input> cellOrNotebookInput(String name, Map<String, Integer> assigned, Map<String, String> notebookViews) {
        Integer index = assigned.get(name);
        if (index == null) {
            // Spark's names are case-insensitive, and so are the cell's own.
            index = assigned.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        if (index != null) {
            return Optional.of(new FsqlPlan.Result(index, prefix + "_" + (index + 1)));
        }
        if (isTable(variables.apply(name).orElse(null))) {
            return Optional.of(new FsqlPlan.Notebook(name, notebookViews.computeIfAbsent(name, n -> prefix + "_nb_" + n)));
        }
        return Optional.empty();
    }

    /** What {@code FROM name} of a statement other than SELECT reads: a cell result, a notebook table, else a catalog table. */
    private FsqlPlan.Input named(String name, FsqlStatement statement, SourceText body, Map<String, Integer> assigned,
                                 Map<String, String> notebookViews) {
        Optional<FsqlPlan.Input> input = cellOrNotebookInput(name, assigned, notebookViews);
        if (input.isPresent()) {
            return input.get();
        }
        if (inCatalog(new QueryRelations.Relation(List.of(name.split("\\.")), -1, -1, false))) {
            return new FsqlPlan.Catalog(name);
        }
        int at = body.text().indexOf(name, statement.start());
        int start = at < 0 || at > statement.end() ? statement.start() : at;
        throw unknown(name, start, start + name.length(), body, assigned.keySet());
    }

    /** A DFLib DataFrame, a Spark Dataset, a Parquet handle, or a non-empty List of records. */
    static boolean isTable(Object value) {
        return TableKind.of(value).isPresent()
                || value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Record;
    }

    private boolean inCatalog(QueryRelations.Relation relation) {
        List<String> parts = relation.parts();
        if (parts.size() == 2 && FILE_FORMATS.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
            return true;
        }
        return catalog.exists(relation.name());
    }

    private MagicError unknown(String name, int start, int end, SourceText body, Collection<String> assigned) {
        Collection<String> known = new TreeSet<>(assigned);
        variableNames.stream().filter(n -> isTable(variables.apply(n).orElse(null))).forEach(known::add);
        known.addAll(catalogNames(name));
        String message = "'" + name + "' at " + body.positionOf(start) + " is no dataframe of this cell, no notebook table and no table in Spark's catalog"
                + CloseNames.hint(name, known, "");
        if (name.toLowerCase(Locale.ROOT).startsWith("presto.")) {
            message += "; a Trino table is read by a SELECT (FROM presto.catalog.schema.table)";
        }
        return new MagicError(ErrorName.UNKNOWN_TABLE, message).at(body.positionOf(start), List.of(body.caret(start, Math.max(start + 1, end))));
    }

    /** Tables of the current database and, for {@code db.name}, of {@code db}: what a missing name may have meant. */
    private Collection<String> catalogNames(String missing) {
        Collection<String> names = new TreeSet<>();
        try {
            var catalog = session.catalog();
            String current = catalog.currentDatabase();
            catalog.listTables(current).collectAsList().forEach(t -> names.add(t.isTemporary() ? t.name() : current + "." + t.name()));
            catalog.listTables(current).collectAsList().forEach(t -> names.add(t.name()));
            int dot = missing.lastIndexOf('.');
            if (dot > 0 && catalog.databaseExists(missing.substring(0, dot))) {
                String database = missing.substring(0, dot);
                catalog.listTables(database).collectAsList().forEach(t -> names.add(database + "." + t.name()));
            }
        } catch (Exception e) {
            // Hints are a courtesy: a catalog that cannot list leaves the error without them.
        }
        names.removeIf(n -> n.startsWith("_fsql"));
        return names;
    }

    /** Whether the relation at {@code start} is the name of {@code TABLE name}. */
    private static boolean afterTableKeyword(String sql, int start) {
        String before = sql.substring(0, start).stripTrailing();
        return before.regionMatches(true, before.length() - 5, "TABLE", 0, 5)
                && (before.length() == 5 || !Character.isLetterOrDigit(before.charAt(before.length() - 6)) && before.charAt(before.length() - 6) != '_');
    }

    /** Where {@code FROM previous} goes in a SELECT that has no FROM, or empty when it has one (or is no plain SELECT). */
    static Optional<Integer> fromInsertion(String sql) {
        CommonTokenStream tokens = new CommonTokenStream(new FsqlLexer(CharStreams.fromString(sql)));
        tokens.fill();
        int depth = 0;
        boolean first = true;
        for (Token token : tokens.getTokens()) {
            if (token.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (token.getType() == Token.EOF) {
                return Optional.of(sql.length());
            }
            if (first && token.getType() != FsqlLexer.SELECT) {
                return Optional.empty();
            }
            first = false;
            if (token.getType() == FsqlLexer.LPAREN) {
                depth++;
            } else if (token.getType() == FsqlLexer.RPAREN) {
                depth--;
            } else if (depth == 0 && token.getType() == FsqlLexer.FROM) {
                return Optional.empty();
            } else if (depth == 0 && AFTER_FROM.contains(token.getText().toUpperCase(Locale.ROOT))) {
                return Optional.of(token.getStartIndex());
            }
        }
        return Optional.of(sql.length());
    }

    /** The statement's keyword as written in the cell: {@code DROP ROWS}, {@code PERSIST}, {@code OUTTRANSFORM}. */
    static String keyword(FsqlStep step) {
        if (step instanceof FsqlStep.Mark mark) {
            return mark.kind().name();
        }
        if (step instanceof FsqlStep.Transform transform) {
            return transform.out() ? "OUTTRANSFORM" : "TRANSFORM";
        }
        return WORD_START.matcher(step.getClass().getSimpleName()).replaceAll("$1 $2").toUpperCase(Locale.ROOT);
    }

    static MagicError located(ErrorName name, FsqlStatement statement, SourceText body, String message) {
        int start = statement.start();
        int lineEnd = body.text().indexOf('\n', start);
        int end = Math.min(statement.end(), lineEnd < 0 ? body.text().length() : lineEnd);
        return new MagicError(name, body.positionOf(start) + ": " + message)
                .at(body.positionOf(start), List.of(body.caret(start, Math.max(start + 1, end))));
    }
}
