package io.kindling.magics.hive;

import io.kindling.magics.hive.jdbc.HiveServer2Profile;
import io.kindling.magics.chart.PlotOption;
import io.kindling.magics.magic.CellMagic;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicCompletion;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.MagicSpec;
import io.kindling.magics.magic.MagicUsageException;
import io.kindling.magics.magic.OptionSpec;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.sql.ParameterBinder;
import io.kindling.magics.sql.ParameterCompletion;
import io.kindling.magics.sql.SqlDialect;
import io.kindling.magics.sql.SparkCellConf;
import io.kindling.magics.sql.SqlScript;
import io.kindling.magics.spark.KubernetesClusterBuilder;
import io.kindling.magics.spark.SparkCluster;
import io.kindling.magics.spark.SparkClusters;
import io.kindling.magics.table.CollectedTable;
import io.kindling.magics.table.NotebookTables;
import io.kindling.magics.table.ParquetTable;
import io.kindling.magics.table.SparkTables;
import io.kindling.magics.table.TableOrigin;
import io.kindling.magics.table.TableStats;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * {@code %%hive [target]}: runs the cell's Hive SQL on Spark with Hive support and writes the whole
 * result of its last query as Parquet, bound as a {@link ParquetTable} handle named {@code target}.
 * <pre>
 * %%hive scenarios --executors 16 --cores 8 --conf spark.sql.autoBroadcastJoinThreshold=-1
 * SELECT * FROM rides.events WHERE subscenario IN ({top_subscenarios})
 * </pre>
 * A Java cell then reads {@code scenarios.dataset(Spark.session())}, or {@code scenarios.toDataFrame(1000)}
 * for a sample. It runs on the notebook's open cluster, else on a cluster of its own when the cell asks
 * for executors (or its profile says {@code cluster: kubernetes}), released when the cell ends, else on
 * local Spark; the metastore is the machine's local service unless the {@code hive:} profile names one.
 */
public final class HiveMagic implements CellMagic {
    /** Java reserves {@code _}, so an unnamed result is bound here. */
    public static final String DEFAULT_TARGET = "_hive";
    static final int DEFAULT_PREVIEW_ROWS = 20;
    /** How long Tab waits for names from the metastore. */
    private static final Duration COMPLETION_BUDGET = Duration.ofSeconds(3);

    private static final MagicSpec SPEC = new MagicSpec("hive", MagicSpec.Kind.CELL,
            "Runs Hive SQL on Spark; the last query's whole result is written as Parquet and bound as a ParquetTable handle.",
            List.of("target"), false,
            List.of(OptionSpec.value("profile", 'p', "NAME", "a profile of the hive: section of profiles.yaml (default: its default, else the local metastore)"),
                    OptionSpec.value("out", 'o', "URI", "write the result here (a path or s3a://, hdfs://, file: URI); default: a fresh temporary directory"),
                    OptionSpec.flag("overwrite", (char) 0, "replace --out if it exists, once the new result is complete"),
                    OptionSpec.flag("keep", 'k', "keep the result after the kernel shuts down (default: temporary results are deleted)"),
                    OptionSpec.value("show", (char) 0, "N", "rows of the result to preview (default 20)"),
                    OptionSpec.flag("collect", (char) 0, "bind a DFLib DataFrame of the result instead of files (fails above 1,000,000 rows)"),
                    OptionSpec.value("limit", 'l', "N", "with --collect: keep the first N rows"),
                    OptionSpec.value("executors", 'e', "N", "run on a Kubernetes cluster of N executors started for this cell"),
                    OptionSpec.value("cores", (char) 0, "N", "cores per executor of the cell's cluster"),
                    OptionSpec.value("memory", 'm', "SIZE", "memory per executor of the cell's cluster, e.g. 8g"),
                    OptionSpec.repeated("conf", 'c', "KEY=VALUE", "a Spark setting for this cell, e.g. spark.sql.autoBroadcastJoinThreshold=-1"),
                    OptionSpec.flag("quiet", 'q', "no preview; just bind the result"),
                    OptionSpec.value("plot", (char) 0, PlotOption.USAGE, PlotOption.HELP)),
            "%%hive big --executors 4 --cores 2\nSELECT * FROM rides.events WHERE subscenario IN ({top})");

    private final SparkClusters spark;
    private final HiveCatalog catalog;
    private final Supplier<HiveProfiles> profiles;
    private final NotebookTables tables;
    private final HiveOutputs outputs;
    private final HiveSessions sessions = new HiveSessions();
    private final HiveCompleter completer;
    private final long defaultMaxRows;
    private final Map<String, String> environment;

    /**
     * @param profiles       read on each cell, so a fixed profiles file applies to the next one
     * @param defaultMaxRows what {@code --collect} binds at most, as {@code %%presto}
     * @param environment    where HiveServer2 passwords named by {@code password_env} are read
     */
    public HiveMagic(SparkClusters spark, HiveCatalog catalog, Supplier<HiveProfiles> profiles, NotebookTables tables,
                     HiveOutputs outputs, long defaultMaxRows, Map<String, String> environment) {
        this.spark = requireNonNull(spark, "spark is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
        if (defaultMaxRows < 1) {
            throw new IllegalArgumentException("defaultMaxRows must be positive");
        }
        this.defaultMaxRows = defaultMaxRows;
        this.environment = Map.copyOf(environment);
        this.completer = new HiveCompleter(() -> spark.running().map(sessions::forCell), COMPLETION_BUDGET);
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Optional<Object> run(MagicArguments arguments, String body, MagicContext context) {
        String target = arguments.positional(0).orElse(DEFAULT_TARGET);
        if (!target.matches("[A-Za-z$][A-Za-z0-9_$]*|_[A-Za-z0-9_$]+")) {
            throw new MagicUsageException("'" + target + "' is not a Java variable name to bind the result to", SPEC.usageLine());
        }
        Optional<PlotOption> plot = arguments.value("plot").map(value -> PlotOption.parse(value, SPEC.usageLine()));
        Object before = context.lookup(target).orElse(null);
        HiveProfile profile = profiles.get().resolve(arguments.value("profile"));
        List<SqlScript.Statement> statements = SqlScript.split(body, SqlDialect.SPARK);
        if (statements.isEmpty()) {
            throw new MagicUsageException("the cell has no SQL below the %%hive line", SPEC.usageLine());
        }
        SourceText source = new SourceText(body, 2);
        ParameterBinder binder = new ParameterBinder(SqlDialect.SPARK, context::lookup, context.variableNames());
        // Every {name} is checked before anything runs or any cluster starts.
        List<BoundStatement> bound = statements.stream().map(s -> binder.bind(s, source)).toList();
        if (profile.isJdbc()) {
            Optional<Object> shown = runOnServer(arguments, profile, source, statements, bound, target, context);
            plotBound(plot, target, before, context);
            return shown;
        }
        CellPlan plan = CellPlan.of(arguments, profile, spark.active().isPresent(), SPEC.usageLine());
        Optional<OutputLocation> location = plan.collect() ? Optional.empty() : Optional.of(outputLocation(arguments, profile, target, context));
        if (plan.ownCluster()) {
            refuseLocalOutput(location, profile);
        }
        long started = System.nanoTime();
        SparkCluster own = plan.ownCluster() ? startCluster(plan, profile, context) : null;
        try {
            SparkSession session = own != null ? own.session() : sessionFor(profile);
            if (own == null && session.sparkContext().master().startsWith("k8s://")) {
                refuseLocalOutput(location, profile);    // the notebook's open cluster runs the cell
            }
            SparkCellConf cellConf = own != null ? SparkCellConf.none() : SparkCellConf.apply(session, plan.conf(), SPEC.usageLine(),
                    "give the cell a cluster of its own (--executors N) to set it");
            try {
                readableByName(body, session, context);
                Optional<Object> shown = runScript(new SparkHiveScript(session, source, statements, bound).parse(), plan, location,
                        profile, target, arguments.positional(0).isPresent(), statements, started, context);
                plotBound(plot, target, before, context);
                return shown;
            } catch (MagicError e) {
                throw MetastoreFailures.explain(e, session);
            } finally {
                cellConf.close();
            }
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private Optional<Object> runScript(SparkHiveScript script, CellPlan plan, Optional<OutputLocation> location, HiveProfile profile,
                                       String target, boolean named, List<SqlScript.Statement> statements, long started,
                                       MagicContext context) {
        Optional<Integer> last = script.lastQuery();
        if (last.isEmpty()) {
            Optional<DataFrame> answer = script.run(0, script.size(), plan.previewRows(), context);
            // A named cell that ends with SHOW or DESCRIBE binds that small answer: %%hive t\nSHOW TABLES.
            if (answer.isPresent() && named) {
                tables.bind(context, target, answer.get(), new TableOrigin("hive", profile.describe(), Optional.of(profile.name()),
                        Optional.empty(), statements.get(statements.size() - 1).text(), Duration.ofNanos(System.nanoTime() - started)));
            }
            return Optional.empty();
        }
        int result = last.get();
        script.run(0, result, plan.previewRows(), context);
        Dataset<Row> rows = script.query(result);
        Object table;
        try {
            table = location.isPresent() ? write(rows, location.get(), plan, context) : collect(rows, plan);
        } catch (MagicError e) {
            throw e;
        } catch (Exception e) {
            if (context.cancellation().isCancelled()) {
                throw new MagicError(ErrorName.INTERRUPTED, "interrupted: the query was cancelled"
                        + location.map(l -> "; nothing was written to " + l.target()).orElse(""), List.of(), e);
            }
            throw script.failure(e, result);
        }
        script.run(result + 1, script.size(), plan.previewRows(), context);
        tables.bind(context, target, table, new TableOrigin("hive", profile.describe(), Optional.of(profile.name()), Optional.empty(),
                statements.get(result).text(), Duration.ofNanos(System.nanoTime() - started)));
        return plan.quiet() ? Optional.empty() : Optional.of(table);
    }

    private ParquetTable write(Dataset<Row> rows, OutputLocation location, CellPlan plan, MagicContext context) {
        SparkSession session = rows.sparkSession();
        OutputLocation.Staging staging = location.stage(session.sessionState().newHadoopConf());
        try {
            rows.write().parquet(staging.uri().toString());
        } catch (Exception | Error e) {
            staging.abort();
            // Tasks of the cancelled job may still write there; once they ended, what they left goes too.
            TaskDrain.await(session.sparkContext(), Duration.ofSeconds(30));
            staging.abort();
            throw e;
        }
        staging.commit();
        if (!plan.keepsOutput()) {
            outputs.deleteAtShutdown(location.target(), session.sessionState().newHadoopConf());
        }
        ParquetTable written = ParquetTable.describe(location.target(), plan.previewRows(), () -> session);
        context.out().println(TableStats.count(written.rows(), "row") + " written to " + location.target());
        // Read later through the notebook's session: this cell's cluster may be gone by then.
        return new ParquetTable(written.location(), written.schema(), written.rows(), written.bytes(), written.files(),
                written.preview(), spark::session);
    }

    private Object collect(Dataset<Row> rows, CellPlan plan) {
        long limit = plan.limit().orElse(defaultMaxRows);
        CollectedTable collected = SparkTables.toLocal(rows, limit);
        if (collected.truncated() && plan.limit().isEmpty()) {
            throw new MagicError(ErrorName.TOO_MANY_ROWS, "the result has more than " + TableStats.count(limit, "row")
                    + ", more than a notebook table should hold; nothing was bound. Leave out --collect to write it to files, "
                    + "or pass --limit N to keep the first N rows");
        }
        return collected.dataFrame();
    }

    private OutputLocation outputLocation(MagicArguments arguments, HiveProfile profile, String target, MagicContext context) {
        Optional<String> out = arguments.value("out");
        if (out.isPresent()) {
            String text = out.get();
            URI uri = text.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") ? URI.create(text) : Path.of(text).toAbsolutePath().toUri();
            return new OutputLocation(uri, arguments.has("overwrite"));
        }
        if (arguments.has("overwrite")) {
            throw new MagicUsageException("--overwrite needs --out: a fresh location is never overwritten", SPEC.usageLine());
        }
        return outputs.fresh(target, context.cellNumber(), profile.output(), arguments.has("keep"));
    }

    /**
     * Charts what the cell bound, when {@code --plot} asked for it; a cell that bound nothing (DDL only)
     * leaves the variable as it was ({@code before}), and an earlier result is not charted as this one.
     */
    private static void plotBound(Optional<PlotOption> plot, String target, Object before, MagicContext context) {
        if (plot.isPresent()) {
            context.lookup(target).filter(table -> table != before).ifPresent(table -> context.display(plot.get().chartOf(table)));
        }
    }

    /** The cell on the profile's HiveServer2: rows come back over JDBC, or stream to a local Parquet file with --out. */
    private Optional<Object> runOnServer(MagicArguments arguments, HiveProfile profile, SourceText source,
                                         List<SqlScript.Statement> statements, List<BoundStatement> bound, String target,
                                         MagicContext context) {
        for (String option : List.of("executors", "cores", "memory", "conf", "keep", "collect")) {
            if (arguments.has(option)) {
                throw new MagicUsageException("--" + option + " is for cells on Spark; profile '" + profile.name()
                        + "' sends the SQL to a HiveServer2 (url:)", SPEC.usageLine());
            }
        }
        HiveServer2Profile server = HiveServer2Profile.parse(profile.name(), profile.jdbc().orElseThrow(), environment);
        Optional<Path> out = arguments.value("out").map(text -> {
            if (text.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !text.startsWith("file:")) {
                throw new MagicUsageException("--out " + text + ": results from a HiveServer2 stream to this machine's disk; "
                        + "give a local path", SPEC.usageLine());
            }
            return text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text).toAbsolutePath();
        });
        if (out.isPresent() && Files.exists(out.get()) && !arguments.has("overwrite")) {
            throw new MagicError(ErrorName.OUTPUT_EXISTS, "the output " + out.get() + " already exists; choose another --out");
        }
        long started = System.nanoTime();
        Optional<Long> limit = arguments.longValue("limit", 1);
        Optional<Object> table = new HiveServer2Cell(server, environment, spark::session).run(source, statements, bound, out,
                limit.orElse(defaultMaxRows), limit.isPresent(),
                arguments.longValue("show", 0).map(Long::intValue).orElse(DEFAULT_PREVIEW_ROWS), context);
        table.ifPresent(value -> tables.bind(context, target, value, new TableOrigin("hive", server.describe(),
                Optional.of(profile.name()), Optional.empty(), statements.get(statements.size() - 1).text(),
                Duration.ofNanos(System.nanoTime() - started))));
        return arguments.has("quiet") ? Optional.empty() : table;
    }

    /**
     * Earlier results ({@link ParquetTable} handles) that the SQL names become temporary views of the
     * same name, so a cell reads {@code FROM scenarios} as it would a table; views shadow only unqualified names.
     */
    private static void readableByName(String body, SparkSession session, MagicContext context) {
        for (String name : context.variableNames()) {
            if (java.util.regex.Pattern.compile("(?<![\\w.`])" + java.util.regex.Pattern.quote(name) + "(?![\\w`])").matcher(body).find()
                    && context.lookup(name).orElse(null) instanceof ParquetTable handle) {
                handle.dataset(session).createOrReplaceTempView(name);
            }
        }
    }

    /** The notebook's session, on the profile's metastore, with the cell's own SET and USE kept between cells. */
    /** Executors on Kubernetes cannot write to this machine's disk, unless the profile declares it a shared mount. */
    private static void refuseLocalOutput(Optional<OutputLocation> location, HiveProfile profile) {
        if (location.isPresent() && "file".equals(location.get().target().getScheme()) && !profile.sharedOutput()) {
            throw new MagicError(ErrorName.OUTPUT_UNWRITABLE, "the output " + location.get().target() + " is on this machine's disk, "
                    + "which the executors of a Kubernetes cluster cannot write to; pass --out with a shared file system "
                    + "(s3a://, hdfs://), set output: in the hive profile '" + profile.name() + "', or declare shared_output: true for a shared mount");
        }
    }

    private SparkSession sessionFor(HiveProfile profile) {
        SparkSession root = spark.session();
        // The local service may have been stopped since the session started: back on its port, the session reconnects.
        catalog.ensureLocal(profile);
        if (!catalog.serves(profile, key -> root.conf().get(key, ""))) {
            throw new MagicError(ErrorName.BAD_PROFILE, "the notebook's Spark session reads the metastore '"
                    + root.conf().get(HiveCatalog.METASTORE_URIS, "none (no Hive support)") + "', not "
                    + profile.metastore().map(m -> "'" + m + "'").orElse("the local one") + " of hive profile '"
                    + profile.name() + "'; run this cell on a cluster of its own (--executors N), or make '" + profile.name()
                    + "' the default hive profile and start a new session");
        }
        return sessions.forCell(root);
    }

    private SparkCluster startCluster(CellPlan plan, HiveProfile profile, MagicContext context) {
        KubernetesClusterBuilder builder = spark.kubernetes();
        try {
            plan.cluster().forEach(builder::override);
            plan.conf().forEach((key, value) -> builder.override("conf", key + "=" + value));
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage(), SPEC.usageLine());
        }
        catalog.settings(profile).forEach((key, value) -> {
            if (!plan.conf().containsKey(key)) {
                builder.conf(key, value);
            }
        });
        context.out().println("starting a Kubernetes cluster for this cell (released when it ends)");
        return builder.start();
    }

    @Override
    public Optional<MagicCompletion> complete(MagicArguments arguments, String body, int cursor) {
        return completer.complete(body, cursor);
    }

    /** <code>{</code> completes notebook variable names (a parameter); elsewhere, the catalog's names. */
    @Override
    public Optional<MagicCompletion> complete(MagicArguments arguments, String body, int cursor, Set<String> variableNames) {
        return ParameterCompletion.complete(SqlDialect.SPARK, body, cursor, variableNames)
                .or(() -> complete(arguments, body, cursor));
    }
}
