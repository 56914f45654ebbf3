package io.kindling.magics.fsql;

import io.kindling.magics.chart.PlotOption;
import io.kindling.magics.magic.CellMagic;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicCompletion;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicSpec;
import io.kindling.magics.magic.MagicUsageException;
import io.kindling.magics.magic.OptionSpec;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.ParameterCompletion;
import io.kindling.magics.sql.SparkCellConf;
import io.kindling.magics.sql.SqlDialect;
import io.kindling.magics.table.NotebookTables;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * {@code %%fsql}: a cell of Fugue-SQL statements over notebook tables, Hive tables and files, run on
 * the notebook's Spark session (the open cluster, else local Spark; {@code --engine local|cluster} insists on one).
 * <pre>
 * %%fsql
 * per_region = SELECT t.region, count(*) AS n
 *     FROM top t JOIN rides.events e ON t.region = e.region   -- a notebook table joined with a Hive table
 *     GROUP BY t.region
 * PRINT 20 ROWS FROM per_region ROWCOUNT TITLE "per region"
 * YIELD LOCAL DATAFRAME AS per_region
 * </pre>
 * The whole cell is parsed, its parameters bound and every name it reads resolved before anything
 * runs; only YIELDed results outlive the cell, and its output ends with what it bound ({@code --plot bar:region,n}
 * then charts the last of them).
 */
public final class FsqlMagic implements CellMagic {
    private static final MagicSpec SPEC = new MagicSpec("fsql", MagicSpec.Kind.CELL,
            "Fugue-SQL statements over notebook tables, Hive tables and files, on the notebook's Spark; YIELD binds results.",
            List.of(), false,
            List.of(OptionSpec.flag("explain", 'x', "print each statement's plan and the SQL it would send to Spark, without running"),
                    OptionSpec.value("engine", 'e', "local|cluster", "run on local Spark, or on the open cluster; "
                            + "without it: the open cluster, else local Spark"),
                    OptionSpec.repeated("conf", 'c', "KEY=VALUE", "a Spark SQL setting for this cell, e.g. spark.sql.shuffle.partitions=8"),
                    OptionSpec.value("plot", (char) 0, PlotOption.USAGE, "chart the last table the cell yields: "
                            + "bar|line|scatter|histogram, e.g. bar:region,n")),
            "%%fsql\nx = SELECT region, count(*) AS n FROM top GROUP BY region\nPRINT 10 ROWS ROWCOUNT\nYIELD LOCAL DATAFRAME AS x");

    private final FsqlSessions sessions;
    private final NotebookTables tables;
    private final YieldFiles files;
    private final long maxLocalRows;
    private final TrinoQueries trino;
    private final AtomicLong runs = new AtomicLong();

    /**
     * @param sessions     the notebook's session (the open cluster's, else local Spark) and the open cluster's
     * @param files        where YIELD FILE writes, locally and on a Kubernetes cluster
     * @param maxLocalRows the most rows YIELD LOCAL DATAFRAME binds, as {@code %%presto}
     * @param trino        reads {@code presto.catalog.schema.table} ({@link TrinoQueries#NONE}: no Trino)
     */
    public FsqlMagic(FsqlSessions sessions, NotebookTables tables, YieldFiles files, long maxLocalRows, TrinoQueries trino) {
        this.trino = requireNonNull(trino, "trino is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.files = requireNonNull(files, "files is null");
        if (maxLocalRows < 1) {
            throw new IllegalArgumentException("maxLocalRows must be positive");
        }
        this.maxLocalRows = maxLocalRows;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Optional<Object> run(MagicArguments arguments, String body, MagicContext context) {
        SourceText source = new SourceText(body, 2);
        FsqlCell cell = FsqlCell.parse(source);
        if (cell.statements().isEmpty()) {
            throw new MagicUsageException("the cell has no statements below the %%fsql line", SPEC.usageLine());
        }
        Map<String, String> conf = SparkCellConf.parse(arguments.values("conf"), SPEC.usageLine());
        Optional<PlotOption> plot = arguments.value("plot").map(value -> PlotOption.parse(value, SPEC.usageLine()));
        SparkSession session = FsqlEngine.of(arguments.value("engine"), SPEC.usageLine()).session(sessions, SPEC.usageLine());
        String prefix = "_fsql" + context.cellNumber() + "_" + runs.incrementAndGet();
        FsqlPlan plan = new FsqlPlanner(session, context::lookup, context.variableNames(), context::variableType, context::methods, prefix, trino).plan(cell);
        if (arguments.has("explain")) {
            context.out().print(FsqlExplain.describe(plan, source));
            return Optional.empty();
        }
        refuseUnwritableYieldFiles(plan, session, source);
        if (plot.isPresent() && plan.statements().stream().noneMatch(s -> s.statement().step() instanceof FsqlStep.Yield)) {
            throw new MagicUsageException("--plot charts the last table the cell yields, and this cell yields none: "
                    + "end it with YIELD LOCAL DATAFRAME AS name (or YIELD DATAFRAME / YIELD FILE)", SPEC.usageLine());
        }
        try (SparkCellConf ignored = SparkCellConf.apply(session, conf, SPEC.usageLine(),
                "set it on the cluster when it starts (Spark.kubernetes().conf(...))")) {
            List<FsqlRun.Bound> bound = new FsqlRun(session, sessions::notebook, source, plan, context, tables, files, maxLocalRows, trino).run();
            context.out().println(bound.isEmpty() ? "bound nothing: only YIELD keeps a result after the cell"
                    : "bound " + String.join(", ", bound.stream().map(FsqlRun.Bound::description).toList()));
            if (plot.isPresent() && !bound.isEmpty()) {
                context.lookup(bound.get(bound.size() - 1).name()).ifPresent(table -> context.display(plot.get().chartOf(table)));
            }
            return Optional.empty();
        }
    }

    /** <code>{</code> completes notebook variable names (a parameter). */
    @Override
    public Optional<MagicCompletion> complete(MagicArguments arguments, String body, int cursor, Set<String> variableNames) {
        return ParameterCompletion.complete(SqlDialect.SPARK, body, cursor, variableNames);
    }

    /** YIELD FILE where the executors cannot write fails before any statement runs, at the first YIELD FILE. */
    private void refuseUnwritableYieldFiles(FsqlPlan plan, SparkSession session, SourceText source) {
        Optional<FsqlStatement> first = plan.statements().stream().map(FsqlPlan.Step::statement)
                .filter(s -> s.step() instanceof FsqlStep.Yield yielded && yielded.kind() == FsqlStep.YieldKind.FILE).findFirst();
        if (first.isPresent()) {
            // Asked once: it reads the profiles file.
            Optional<String> why = files.unwritable(session);
            if (why.isPresent()) {
                throw FsqlPlanner.located(ErrorName.OUTPUT_UNWRITABLE, first.get(), source, why.get());
            }
        }
    }
}
