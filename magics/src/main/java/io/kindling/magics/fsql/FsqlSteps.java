package io.kindling.magics.fsql;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.transform.SchemaExpression;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The statements other than SELECT, PRINT and YIELD as Spark DataFrame operations: files in and out,
 * and the column and row steps ({@code TAKE}, {@code SAMPLE}, {@code DROP}, {@code FILL NULLS} ...).
 */
final class FsqlSteps {
    /** Fugue's short type names, for ALTER COLUMNS; anything else goes to Spark as written (e.g. decimal(10,2)). */
    private static final Map<String, String> TYPES = Map.of("str", "string", "bool", "boolean", "datetime", "timestamp",
            "bytes", "binary", "int32", "int", "int64", "bigint", "float64", "double", "float32", "float");

    private final SparkSession session;
    private final MagicContext context;

    FsqlSteps(SparkSession session, MagicContext context) {
        this.session = requireNonNull(session, "session is null");
        this.context = requireNonNull(context, "context is null");
    }

    /** The file format a statement names, else the path's extension, else Parquet. */
    static String format(Optional<String> format, String path) {
        if (format.isPresent()) {
            return format.get();
        }
        String lower = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        return lower.endsWith(".csv") ? "csv" : lower.endsWith(".json") || lower.endsWith(".jsonl") ? "json" : "parquet";
    }

    Dataset<Row> load(FsqlStep.Load load) {
        String format = format(load.format(), load.path());
        DataFrameReader reader = session.read().format(format).options(load.options());
        if (format.equals("csv") && !load.options().containsKey("header")) {
            // Fugue reads a CSV's first line as its header unless told otherwise.
            reader = reader.option("header", "true");
        }
        if (load.columns().isPresent()) {
            StructType schema = SchemaExpression.resolve(load.columns().get(), new StructType());
            return reader.schema(schema).load(load.path());
        }
        if (format.equals("csv") && !load.options().containsKey("inferSchema")) {
            reader = reader.option("inferSchema", "true");
        }
        return reader.load(load.path());
    }

    void save(FsqlStep.Save save, Dataset<Row> input) {
        String format = format(save.format(), save.path());
        Dataset<Row> rows = save.single() ? input.coalesce(1) : input;
        DataFrameWriter<Row> writer = rows.write().format(format).options(save.options()).mode(switch (save.mode()) {
            case OVERWRITE -> SaveMode.Overwrite;
            case APPEND -> SaveMode.Append;
            case TO -> SaveMode.ErrorIfExists;
        });
        if (format.equals("csv") && !save.options().containsKey("header")) {
            writer = writer.option("header", "true");
        }
        writer.save(save.path());
        context.out().println("saved " + format + " to " + save.path());
    }

    /** The row and column steps, and TRANSFORM / OUTTRANSFORM. */
    Optional<Dataset<Row>> transform(FsqlStep step, Dataset<Row> input) {
        if (step instanceof FsqlStep.Take take) {
            return Optional.of(take(take, input));
        }
        if (step instanceof FsqlStep.Sample sample) {
            if (sample.percent().isPresent()) {
                double fraction = sample.percent().get() / 100;
                return Optional.of(sample.seed().map(seed -> input.sample(sample.replace(), fraction, seed))
                        .orElseGet(() -> input.sample(sample.replace(), fraction)));
            }
            Column random = sample.seed().map(functions::rand).orElseGet(functions::rand);
            return Optional.of(input.orderBy(random).limit(Math.toIntExact(sample.rows().orElseThrow())));
        }
        if (step instanceof FsqlStep.DropRows drop) {
            String how = drop.all() ? "all" : "any";
            return Optional.of(drop.on().isEmpty() ? input.na().drop(how) : input.na().drop(how, drop.on().toArray(String[]::new)));
        }
        if (step instanceof FsqlStep.DropColumns drop) {
            List<String> have = Arrays.asList(input.columns());
            List<String> missing = drop.columns().stream().filter(c -> have.stream().noneMatch(h -> h.equalsIgnoreCase(c))).toList();
            if (!missing.isEmpty() && !drop.ifExists()) {
                throw new MagicError(ErrorName.COLUMN_NOT_FOUND, "DROP COLUMNS: no column " + String.join(", ", missing)
                        + " in " + have + "; add IF EXISTS to drop only the columns that are there");
            }
            return Optional.of(input.drop(drop.columns().toArray(String[]::new)));
        }
        if (step instanceof FsqlStep.FillNulls fill) {
            Map<String, Object> values = new HashMap<>();
            fill.values().forEach((column, literal) -> values.put(column, literal.value()));
            return Optional.of(input.na().fill(values));
        }
        if (step instanceof FsqlStep.RenameColumns rename) {
            return Optional.of(input.withColumnsRenamed(rename.renames()));
        }
        if (step instanceof FsqlStep.AlterColumns alter) {
            Dataset<Row> altered = input;
            for (Map.Entry<String, String> entry : alter.types().entrySet()) {
                String type = TYPES.getOrDefault(entry.getValue().toLowerCase(Locale.ROOT), entry.getValue());
                altered = altered.withColumn(entry.getKey(), functions.col(entry.getKey()).cast(type));
            }
            return Optional.of(altered);
        }
        if (step instanceof FsqlStep.Distinct) {
            return Optional.of(input.distinct());
        }
        if (step instanceof FsqlStep.Mark mark) {
            return Optional.of(switch (mark.kind()) {
                case PERSIST -> input.persist();
                case BROADCAST -> functions.broadcast(input);
                case CHECKPOINT -> input.localCheckpoint();
            });
        }
        if (step instanceof FsqlStep.Transform transform) {
            Optional<Object> variable = context.lookup(transform.function());
            FsqlFunction function = FsqlFunction.resolve(transform, variable,
                    variable.isPresent() || context.variableNames().contains(transform.function()),
                    context.variableType(transform.function()), context.methods(transform.function()));
            return FsqlTransform.run(transform, function, input, session);
        }
        throw new IllegalStateException("no step for " + FsqlPlanner.keyword(step));
    }

    private static Dataset<Row> take(FsqlStep.Take take, Dataset<Row> input) {
        Column[] order = take.presort().stream()
                .map(s -> s.descending() ? functions.col(s.column()).desc() : functions.col(s.column()).asc()).toArray(Column[]::new);
        if (take.partitionBy().isEmpty()) {
            return (order.length == 0 ? input : input.orderBy(order)).limit(take.rows());
        }
        WindowSpec window = Window.partitionBy(take.partitionBy().stream().map(functions::col).toArray(Column[]::new))
                .orderBy(order.length == 0 ? new Column[]{functions.monotonically_increasing_id()} : order);
        String rank = "_fsql_row_number";
        return input.withColumn(rank, functions.row_number().over(window)).filter(functions.col(rank).leq(take.rows())).drop(rank);
    }
}
