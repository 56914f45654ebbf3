package io.kindling.magics.fsql;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.transform.GroupAction;
import io.kindling.magics.transform.GroupFunction;
import io.kindling.magics.transform.ParamGroupAction;
import io.kindling.magics.transform.ParamGroupFunction;
import io.kindling.magics.transform.TransformOption;
import io.kindling.magics.transform.Transforms;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code TRANSFORM} and {@code OUTTRANSFORM} through the {@code transform} package, on the cell's Spark
 * session. A statement names its function by a notebook variable; SQL cannot name record classes, so the
 * groups are lists of maps (column name to value) and TRANSFORM's {@code SCHEMA} gives the output columns:
 * <pre>{@code
 * // Java cell
 * GroupFunction<List<Map<String, Object>>, List<Map<String, Object>>> addRank = rows -> {
 *     for (int i = 0; i < rows.size(); i++) rows.get(i).put("rank", i + 1);
 *     return rows;
 * };
 * // %%fsql cell
 * TRANSFORM rides PREPARTITION BY region PRESORT km DESC USING addRank SCHEMA *,rank:int
 * }</pre>
 * The variable must hold a {@link GroupFunction} or {@link ParamGroupFunction} (TRANSFORM), a
 * {@link GroupAction} or {@link ParamGroupAction} (OUTTRANSFORM); that is checked before anything runs.
 */
final class FsqlTransform {
    private FsqlTransform() {
    }

    /** Why {@code function} cannot be used by {@code step}, if it cannot. */
    static Optional<String> misfit(FsqlStep.Transform step, Object function) {
        boolean fits = step.out() ? function instanceof GroupAction<?> || function instanceof ParamGroupAction<?>
                : function instanceof GroupFunction<?, ?> || function instanceof ParamGroupFunction<?, ?>;
        if (!fits) {
            String wanted = step.out() ? "GroupAction<List<Map<String, Object>>> (or ParamGroupAction)"
                    : "GroupFunction<List<Map<String, Object>>, List<Map<String, Object>>> (or ParamGroupFunction)";
            return Optional.of("USING " + step.function() + ": the variable holds "
                    + (function == null ? "null" : "a " + function.getClass().getName()) + ", not a " + wanted);
        }
        if (!step.out() && step.schema().isEmpty()) {
            return Optional.of("TRANSFORM needs SCHEMA: the output columns, e.g. SCHEMA *,score:double");
        }
        return Optional.empty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Optional<Dataset<Row>> run(FsqlStep.Transform step, Object function, Dataset<Row> input, SparkSession session) {
        misfit(step, function).ifPresent(problem -> {
            throw new MagicError(ErrorName.TYPE_MISMATCH, problem);
        });
        List<TransformOption> options = new ArrayList<>();
        options.add(Transforms.on(session));
        if (!step.partitionBy().isEmpty()) {
            options.add(Transforms.partitionBy(step.partitionBy().toArray(String[]::new)));
        }
        if (!step.presort().isEmpty()) {
            options.add(Transforms.presort(step.presort().stream()
                    .map(s -> s.column() + (s.descending() ? " desc" : " asc")).collect(Collectors.joining(", "))));
        }
        if (!step.params().isEmpty()) {
            Map<String, Object> params = new LinkedHashMap<>();
            step.params().forEach(params::put);
            options.add(Transforms.params(params));
        }
        TransformOption[] array = options.toArray(TransformOption[]::new);
        if (step.out()) {
            if (function instanceof ParamGroupAction action) {
                Transforms.outTransform(input, Transforms.listOfMaps(), action, array);
            } else {
                Transforms.outTransform(input, Transforms.listOfMaps(), (GroupAction) function, array);
            }
            return Optional.empty();
        }
        String schema = step.schema().orElseThrow();
        // A Dataset in, on Spark: the result is a lazy Dataset<Row>.
        Dataset<Row> result;
        if (function instanceof ParamGroupFunction<?, ?>) {
            result = Transforms.<List<Map<String, Object>>, List<Map<String, Object>>, Dataset<Row>>transform(input, Transforms.listOfMaps(), Transforms.listOfMaps(schema),
                    (ParamGroupFunction<List<Map<String, Object>>, List<Map<String, Object>>>) function, array);
        } else {
            result = Transforms.<List<Map<String, Object>>, List<Map<String, Object>>, Dataset<Row>>transform(input, Transforms.listOfMaps(), Transforms.listOfMaps(schema),
                    (GroupFunction<List<Map<String, Object>>, List<Map<String, Object>>>) function, array);
        }
        return Optional.of(result);
    }
}
