package io.kindling.magics.fsql;

import io.kindling.magics.transform.GroupAction;
import io.kindling.magics.transform.GroupFunction;
import io.kindling.magics.transform.ParamGroupAction;
import io.kindling.magics.transform.ParamGroupFunction;
import io.kindling.magics.transform.Shape;
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
 * {@link GroupAction} or {@link ParamGroupAction} (OUTTRANSFORM); a top-level method of a cell may take and
 * return records instead ({@link FsqlFunction}); that is checked before anything runs.
 */
final class FsqlTransform {
    private FsqlTransform() {
    }

    @SuppressWarnings("unchecked")
    static Optional<Dataset<Row>> run(FsqlStep.Transform step, FsqlFunction function, Dataset<Row> input, SparkSession session) {
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
        Shape<Object> in = (Shape<Object>) function.input();
        if (step.out()) {
            if (function.params()) {
                Transforms.outTransform(input, in, (ParamGroupAction<Object>) function.call(), array);
            } else {
                Transforms.outTransform(input, in, (GroupAction<Object>) function.call(), array);
            }
            return Optional.empty();
        }
        Shape<Object> out = (Shape<Object>) function.output().orElseThrow();
        // A Dataset in, on Spark: the result is a lazy Dataset<Row>.
        Dataset<Row> result = function.params()
                ? Transforms.<Object, Object, Dataset<Row>>transform(input, in, out, (ParamGroupFunction<Object, Object>) function.call(), array)
                : Transforms.<Object, Object, Dataset<Row>>transform(input, in, out, (GroupFunction<Object, Object>) function.call(), array);
        return Optional.of(result);
    }
}
