package io.kindling.magics.fsql;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.table.CollectedTable;
import io.kindling.magics.table.NotebookTables;
import io.kindling.magics.table.ParquetTable;
import io.kindling.magics.table.RecordRows;
import io.kindling.magics.table.SparkTables;
import io.kindling.magics.table.TableOrigin;
import io.kindling.magics.table.TableStats;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs a planned cell on one Spark session, statement by statement: notebook tables the cell reads
 * become temporary views first, each result is registered under its view so later SELECTs read it,
 * PRINT shows rows, YIELD binds notebook variables; every view is dropped when the cell ends, however
 * it ends. A failure names the statement, its cell line and the SQL sent.
 */
final class FsqlRun {
    static final int DEFAULT_PRINT_ROWS = 10;

    private final SparkSession session;
    private final Supplier<SparkSession> notebookSession;
    private final SourceText body;
    private final FsqlPlan plan;
    private final MagicContext context;
    private final NotebookTables tables;
    private final YieldFiles files;
    private final long maxLocalRows;
    private final FsqlSteps steps;
    private final Map<Integer, Dataset<Row>> results = new HashMap<>();
    private final Set<String> views = new LinkedHashSet<>();
    private final List<Bound> bound = new ArrayList<>();
    private final TrinoQueries trino;

    /**
     * @param notebookSession what handles bound by YIELD FILE read with later (this cell's session may be gone)
     * @param files           where YIELD FILE writes
     * @param maxLocalRows    the most rows YIELD LOCAL DATAFRAME binds, as {@code %%presto}
     */
    FsqlRun(SparkSession session, Supplier<SparkSession> notebookSession, SourceText body, FsqlPlan plan, MagicContext context,
            NotebookTables tables, YieldFiles files, long maxLocalRows, TrinoQueries trino) {
        this.trino = requireNonNull(trino, "trino is null");
        this.session = requireNonNull(session, "session is null");
        this.notebookSession = requireNonNull(notebookSession, "notebookSession is null");
        this.body = requireNonNull(body, "body is null");
        this.plan = requireNonNull(plan, "plan is null");
        this.context = requireNonNull(context, "context is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.files = requireNonNull(files, "files is null");
        this.maxLocalRows = maxLocalRows;
        this.steps = new FsqlSteps(session, context);
    }

    /** A table the cell bound in the notebook, and how the cell's output describes it. */
    record Bound(String name, String description) {
    }

    /** Runs every statement; returns what it bound in the notebook, in the order it bound them. */
    List<Bound> run() {
        try {
            registerNotebookTables();
            registerTrinoTables();
            for (FsqlPlan.Step step : plan.statements()) {
                if (context.cancellation().isCancelled()) {
                    throw new MagicError(ErrorName.INTERRUPTED, "interrupted before statement " + step.number()
                            + " (" + body.positionOf(step.statement().start()) + ")");
                }
                run(step);
            }
            return List.copyOf(bound);
        } finally {
            for (String view : views) {
                try {
                    session.catalog().dropTempView(view);
                } catch (RuntimeException e) {
                    // The session may be gone with an interrupted cluster; its views went with it.
                }
            }
        }
    }

    private void registerNotebookTables() {
        for (Map.Entry<String, String> entry : plan.notebookViews().entrySet()) {
            Object table = context.lookup(entry.getKey()).orElseThrow(() -> new MagicError(ErrorName.UNKNOWN_VARIABLE,
                    entry.getKey() + " is no longer a notebook variable"));
            register(dataset(entry.getKey(), table), entry.getValue());
        }
    }

    /** Each Trino table the cell names, fetched once through the {@code %%presto} engine and read by Spark as a view. */
    private void registerTrinoTables() {
        for (Map.Entry<String, String> entry : plan.trinoViews().entrySet()) {
            register(SparkTables.toSpark(session, trino.fetch(entry.getValue(), context)), entry.getKey());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Dataset<Row> dataset(String name, Object table) {
        if (table instanceof DataFrame frame) {
            return SparkTables.toSpark(session, frame);
        }
        if (table instanceof ParquetTable handle) {
            return handle.dataset(session);
        }
        if (table instanceof Dataset<?> dataset) {
            // A Dataset of another session (a closed cluster's) cannot be read here.
            if (dataset.sparkSession().sparkContext() != session.sparkContext()) {
                throw new MagicError(ErrorName.UNSUPPORTED_INPUT, name + " is a Spark Dataset of another Spark session "
                        + "(a cluster that is closed, or another one); build it again on Spark.session()");
            }
            return (Dataset<Row>) dataset.toDF();
        }
        if (table instanceof List list) {
            return RecordRows.dataFrame(session, (List<Record>) list);
        }
        throw new MagicError(ErrorName.UNSUPPORTED_INPUT, name + " is a " + table.getClass().getName() + ", not a table");
    }

    private void register(Dataset<Row> dataset, String view) {
        if (dataset.sparkSession() == session) {
            dataset.createOrReplaceTempView(view);
        } else {
            // A Dataset of the notebook's session read by a child session: same context, so its plan reads here too.
            session.createDataFrame(dataset.javaRDD(), dataset.schema()).createOrReplaceTempView(view);
        }
        views.add(view);
    }

    private void run(FsqlPlan.Step step) {
        FsqlStatement statement = step.statement();
        try {
            // Nested (LOAD ...) sources are read here so a missing path fails as the statement that names it.
            step.loads().forEach((view, load) -> register(steps.load(load), view));
            Optional<Dataset<Row>> result = execute(step);
            if (result.isPresent() && step.view().isPresent()) {
                results.put(step.number() - 1, result.get());
                register(result.get(), step.view().get());
            }
        } catch (MagicError e) {
            throw e;
        } catch (Exception e) {
            if (context.cancellation().isCancelled()) {
                throw new MagicError(ErrorName.INTERRUPTED, "interrupted: statement " + step.number() + " ("
                        + body.positionOf(statement.start()) + ") was cancelled", List.of(), e);
            }
            int offset = statement.step() instanceof FsqlStep.Select select ? select.offset() : statement.start();
            throw FsqlFailures.explain(e, body, statement, step.number(), step.sql(), offset);
        }
    }

    private Optional<Dataset<Row>> execute(FsqlPlan.Step step) {
        FsqlStep what = step.statement().step();
        if (what instanceof FsqlStep.Select) {
            BoundStatement sql = step.sql().orElseThrow();
            return Optional.of(sql.parameters().isEmpty() ? session.sql(sql.sql()) : session.sql(sql.sql(), sql.parameters().toArray()));
        }
        if (what instanceof FsqlStep.Load load) {
            return Optional.of(steps.load(load));
        }
        if (what instanceof FsqlStep.Zip zip) {
            return Optional.of(FsqlZip.zip(zip, step.zipped().stream().map(this::input).toList()));
        }
        Dataset<Row> input = input(step.input().orElseThrow());
        if (what instanceof FsqlStep.Print print) {
            print(print, input);
            return Optional.empty();
        }
        if (what instanceof FsqlStep.Yield yielded) {
            bind(yielded, step.yieldName().orElseThrow(), input, step.statement());
            return Optional.empty();
        }
        if (what instanceof FsqlStep.Save save) {
            steps.save(save, input);
            return save.andUse() ? Optional.of(steps.load(new FsqlStep.Load(Optional.of(FsqlSteps.format(save.format(), save.path())),
                    save.path(), Map.of(), Optional.empty()))) : Optional.empty();
        }
        return steps.transform(what, input);
    }

    private Dataset<Row> input(FsqlPlan.Input input) {
        if (input instanceof FsqlPlan.Result result) {
            return results.get(result.index());
        }
        // A notebook table's view, or a catalog table by its name.
        return session.table(input.view());
    }

    private void print(FsqlStep.Print print, Dataset<Row> input) {
        int rows = print.rows().orElse(DEFAULT_PRINT_ROWS);
        CollectedTable shown = SparkTables.toLocal(input, rows);
        print.title().ifPresent(title -> context.out().println(title));
        context.display(shown.dataFrame());
        if (print.rowCount()) {
            context.out().println(TableStats.count(input.count(), "row"));
        } else if (shown.truncated()) {
            context.out().println("first " + TableStats.count(rows, "row") + " shown");
        }
    }

    private void bind(FsqlStep.Yield yielded, String name, Dataset<Row> input, FsqlStatement statement) {
        long started = System.nanoTime();
        Object table = switch (yielded.kind()) {
            case DATAFRAME -> input;
            case LOCAL_DATAFRAME -> local(input, name);
            case FILE -> file(input, name);
        };
        tables.bind(context, name, table, new TableOrigin("fsql", "Spark " + session.sparkContext().master(), Optional.empty(),
                Optional.empty(), statement.text(body.text()), Duration.ofNanos(System.nanoTime() - started)));
        bound.add(new Bound(name, name + " (" + io.kindling.magics.table.TableKind.of(table).orElseThrow().label()
                + ", " + TableStats.of(table).describe() + ")"));
    }

    private DataFrame local(Dataset<Row> input, String name) {
        CollectedTable collected = SparkTables.toLocal(input, maxLocalRows);
        if (collected.truncated()) {
            throw new MagicError(ErrorName.TOO_MANY_ROWS, "YIELD LOCAL DATAFRAME AS " + name + ": the result has more than "
                    + TableStats.count(maxLocalRows, "row") + ", more than a notebook table should hold; nothing was bound. "
                    + "YIELD DATAFRAME (Spark) or YIELD FILE (Parquet) keep it whole, or TAKE n ROWS first");
        }
        return collected.dataFrame();
    }

    private ParquetTable file(Dataset<Row> input, String name) {
        URI location = files.fresh(name, context.cellNumber(), session);
        input.write().parquet(location.toString());
        ParquetTable written = ParquetTable.describe(location, 10, () -> session);
        context.out().println(TableStats.count(written.rows(), "row") + " written to " + location);
        return new ParquetTable(written.location(), written.schema(), written.rows(), written.bytes(), written.files(),
                written.preview(), notebookSession);
    }
}
