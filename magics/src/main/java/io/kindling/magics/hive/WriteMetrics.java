package io.kindling.magics.hive;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.CommandResult;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.command.DataWritingCommandExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a statement that wrote data did, from the metrics Spark's writer kept: rows, files and dynamic
 * partitions. Spark runs a command when {@code sql()} returns, so the metrics are final by then.
 *
 * @param rows       rows written
 * @param files      files written
 * @param partitions partitions written (dynamic partitions; 0 for an unpartitioned or static write)
 */
record WriteMetrics(long rows, long files, long partitions) {

    /** The write metrics of an executed command, if it wrote. */
    static Optional<WriteMetrics> of(Dataset<Row> executed) {
        LogicalPlan plan = ((org.apache.spark.sql.classic.Dataset<Row>) executed).queryExecution().commandExecuted();
        if (!(plan instanceof CommandResult result)) {
            return Optional.empty();
        }
        List<DataWritingCommandExec> writes = new ArrayList<>();
        collect(result.commandPhysicalPlan(), writes);
        if (writes.isEmpty()) {
            return Optional.empty();
        }
        long rows = 0;
        long files = 0;
        long partitions = 0;
        for (DataWritingCommandExec write : writes) {
            scala.collection.immutable.Map<String, SQLMetric> metrics = write.cmd().metrics();
            rows += value(metrics, "numOutputRows");
            files += value(metrics, "numFiles");
            partitions += value(metrics, "numParts");
        }
        return Optional.of(new WriteMetrics(rows, files, partitions));
    }

    /** E.g. {@code 1,200 rows written in 3 files, 3 partitions}. */
    String describe() {
        String text = String.format(Locale.ROOT, "%,d row%s written in %,d file%s", rows, rows == 1 ? "" : "s",
                files, files == 1 ? "" : "s");
        return partitions > 0 ? text + String.format(Locale.ROOT, ", %,d partition%s", partitions, partitions == 1 ? "" : "s") : text;
    }

    private static long value(scala.collection.immutable.Map<String, SQLMetric> metrics, String name) {
        scala.Option<SQLMetric> metric = metrics.get(name);
        return metric.isDefined() ? Math.max(0, metric.get().value()) : 0;
    }

    private static void collect(SparkPlan plan, List<DataWritingCommandExec> writes) {
        if (plan instanceof DataWritingCommandExec write) {
            writes.add(write);
        }
        for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
            collect(child, writes);
        }
    }
}
