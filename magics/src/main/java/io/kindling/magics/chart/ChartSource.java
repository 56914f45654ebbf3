package io.kindling.magics.chart;

import io.kindling.magics.table.ParquetTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dflib.DataFrame;

import java.util.List;
import java.util.function.Supplier;

/** A table a chart reads: rows in the kernel (aggregated here) or on Spark (aggregated by Spark). */
sealed interface ChartSource permits LocalChartSource, SparkChartSource {
    static ChartSource of(Object table) {
        if (table instanceof DataFrame frame) {
            return new LocalChartSource(frame);
        }
        if (table instanceof Dataset<?> dataset) {
            Dataset<Row> rows = dataset.toDF();
            return new SparkChartSource(() -> rows, "the Dataset");
        }
        if (table instanceof ParquetTable parquet) {
            Supplier<Dataset<Row>> rows = parquet::dataset;
            return new SparkChartSource(rows, "the files at " + parquet.location());
        }
        throw new IllegalArgumentException("chart(...) draws a DFLib DataFrame, a Spark Dataset or a Parquet handle, not "
                + (table == null ? "null" : "a " + table.getClass().getName()));
    }

    /** The rows to draw for {@code spec}. */
    ChartData data(ChartSpec spec);

    /** The table's column names, in order. */
    List<String> columns();

    /** Fails naming the column and the table's columns when {@code spec} reads one the table lacks. */
    default void check(ChartSpec spec) {
        List<String> columns = columns();
        for (String column : spec.columns()) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("the table has no column '" + column + "' to chart; its columns: "
                        + String.join(", ", columns));
            }
        }
    }
}
