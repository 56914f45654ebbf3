package io.kindling.magics.chart;

import io.kindling.magics.table.SparkTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * A Spark table: Spark aggregates it (sums per group, bins, a sample) and only the chart's rows come
 * back to the kernel; the table's first rows on display play no part.
 */
final class SparkChartSource implements ChartSource {
    private final Supplier<Dataset<Row>> table;
    private final String description;

    SparkChartSource(Supplier<Dataset<Row>> table, String description) {
        this.table = requireNonNull(table, "table is null");
        this.description = requireNonNull(description, "description is null");
    }

    @Override
    public List<String> columns() {
        return Arrays.asList(table.get().columns());
    }

    @Override
    public ChartData data(ChartSpec spec) {
        check(spec);
        Dataset<Row> rows = table.get();
        return switch (spec.mark()) {
            case BAR, LINE -> grouped(spec, rows);
            case SCATTER -> sampled(spec, rows);
            case HISTOGRAM -> binned(spec, rows);
        };
    }

    private ChartData grouped(ChartSpec spec, Dataset<Row> rows) {
        List<Column> keys = new ArrayList<>(List.of(functions.col(spec.x())));
        spec.groups().forEach(g -> keys.add(functions.col(g)));
        Column measure = spec.y().map(y -> functions.sum(functions.col(y)).cast("double"))
                .orElse(functions.count(functions.lit(1))).as(spec.measure());
        Dataset<Row> totals = rows.groupBy(keys.toArray(Column[]::new)).agg(measure);
        // Bars: the biggest first, as a person reads a ranking; lines: in x order.
        totals = spec.mark() == Mark.LINE ? totals.orderBy(functions.col(spec.x())) : totals.orderBy(functions.col(spec.measure()).desc());
        List<String> order = new ArrayList<>(List.of(spec.x(), spec.measure()));
        order.addAll(spec.groups());
        DataFrame local = SparkTables.toLocal(totals.select(order.stream().map(functions::col).toArray(Column[]::new)),
                ChartData.MAX_GROUPS).dataFrame();
        String note = (spec.y().map(y -> "sum of " + y).orElse("rows")) + " per " + spec.x() + ", by Spark over " + description
                + (local.height() >= ChartData.MAX_GROUPS ? String.format(" (the %,d biggest)", ChartData.MAX_GROUPS) : "");
        return new ChartData(local, types(local), note);
    }

    private ChartData sampled(ChartSpec spec, Dataset<Row> rows) {
        long count = rows.count();
        double fraction = Math.min(1.0, ChartData.MAX_POINTS * 1.2 / Math.max(1, count));
        Dataset<Row> sample = fraction >= 1 ? rows : rows.sample(false, fraction, 42);
        DataFrame local = SparkTables.toLocal(sample.select(spec.columns().stream().map(functions::col).toArray(Column[]::new)),
                ChartData.MAX_POINTS).dataFrame();
        String note = fraction >= 1 ? String.format("every row (%,d), by Spark over %s", count, description)
                : String.format("%,d sampled rows of %,d, by Spark over %s", local.height(), count, description);
        return new ChartData(local, types(local), note);
    }

    private ChartData binned(ChartSpec spec, Dataset<Row> rows) {
        Column x = functions.col(spec.x()).cast("double");
        Row range = rows.agg(functions.min(x), functions.max(x)).first();
        double min = range.isNullAt(0) ? 0 : range.getDouble(0);
        double max = range.isNullAt(1) ? 0 : range.getDouble(1);
        Bins bins = Bins.of(min, max, spec.bins());
        Column bin = functions.least(functions.lit(bins.count() - 1),
                functions.floor(x.minus(bins.min()).divide(bins.width())).cast("int")).as("bin");
        List<Column> keys = new ArrayList<>(List.of(bin));
        spec.groups().forEach(g -> keys.add(functions.col(g)));
        Dataset<Row> counts = rows.where(x.isNotNull()).groupBy(keys.toArray(Column[]::new)).count().orderBy("bin");
        List<String> bounds = ChartData.binColumns(spec.x());
        List<Column> shape = new ArrayList<>(List.of(
                functions.lit(bins.min()).plus(functions.col("bin").multiply(bins.width())).as(bounds.get(0)),
                functions.lit(bins.min()).plus(functions.col("bin").plus(1).multiply(bins.width())).as(bounds.get(1)),
                functions.col("count")));
        spec.groups().forEach(g -> shape.add(functions.col(g)));
        DataFrame local = SparkTables.toLocal(counts.select(shape.toArray(Column[]::new)), (long) bins.count() * ChartData.MAX_GROUPS)
                .dataFrame();
        return new ChartData(local, types(local), bins.describe(spec.x()) + ", by Spark over " + description);
    }

    private static java.util.Map<String, FieldType> types(DataFrame local) {
        List<String> names = Arrays.asList(local.getColumnsIndex().toArray());
        Object[][] columns = new Object[names.size()][];
        for (int c = 0; c < names.size(); c++) {
            columns[c] = local.getColumn(c).toArray(new Object[0]);
        }
        return LocalChartSource.types(names, columns);
    }
}
