package io.kindling.magics.chart;

import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A DFLib table, aggregated in the kernel: it is in memory already. */
final class LocalChartSource implements ChartSource {
    private final DataFrame table;

    LocalChartSource(DataFrame table) {
        this.table = requireNonNull(table, "table is null");
    }

    @Override
    public List<String> columns() {
        return Arrays.asList(table.getColumnsIndex().toArray());
    }

    @Override
    public ChartData data(ChartSpec spec) {
        check(spec);
        List<Object[]> rows = rows(spec.columns());
        String over = String.format("over %,d rows", table.height());
        return switch (spec.mark()) {
            case BAR, LINE -> grouped(spec, rows, over);
            case SCATTER -> sampled(spec, rows, over);
            case HISTOGRAM -> binned(spec, rows, over);
        };
    }

    /** The chart's columns, row by row (x, y, colour, facet as the spec has them). */
    private List<Object[]> rows(List<String> columns) {
        Series<?>[] series = columns.stream().map(table::getColumn).toArray(Series[]::new);
        List<Object[]> rows = new ArrayList<>(table.height());
        for (int r = 0; r < table.height(); r++) {
            Object[] row = new Object[series.length];
            for (int c = 0; c < series.length; c++) {
                row[c] = series[c].get(r);
            }
            rows.add(row);
        }
        return rows;
    }

    private static ChartData grouped(ChartSpec spec, List<Object[]> rows, String over) {
        int groupColumns = 1 + spec.groups().size();
        boolean summed = spec.y().isPresent();
        Map<List<Object>, Double> totals = new LinkedHashMap<>();
        for (Object[] row : rows) {
            List<Object> key = new ArrayList<>(groupColumns);
            key.add(row[0]);
            for (int g = 0; g < spec.groups().size(); g++) {
                key.add(row[(summed ? 2 : 1) + g]);
            }
            double value = summed ? number(row[1], spec.y().get()) : 1;
            totals.merge(key, value, Double::sum);
        }
        List<Map.Entry<List<Object>, Double>> entries = new ArrayList<>(totals.entrySet());
        if (spec.mark() == Mark.LINE) {
            entries.sort(Comparator.comparing(e -> (Comparable) e.getKey().get(0), Comparator.nullsFirst(Comparator.naturalOrder())));
        }
        int shown = Math.min(entries.size(), ChartData.MAX_GROUPS);
        List<String> names = new ArrayList<>(List.of(spec.x(), spec.measure()));
        names.addAll(spec.groups());
        Object[][] columns = new Object[names.size()][shown];
        for (int i = 0; i < shown; i++) {
            List<Object> key = entries.get(i).getKey();
            columns[0][i] = key.get(0);
            columns[1][i] = entries.get(i).getValue();
            for (int g = 1; g < key.size(); g++) {
                columns[1 + g][i] = key.get(g);
            }
        }
        String note = (summed ? "sum of " + spec.y().get() : "rows") + " per " + spec.x() + ", " + over
                + (entries.size() > shown ? String.format(" (first %,d of %,d values)", shown, entries.size()) : "");
        return new ChartData(frame(names, columns), types(names, columns), note);
    }

    private static ChartData sampled(ChartSpec spec, List<Object[]> rows, String over) {
        // Every k-th row: a sample that keeps the table's spread and is the same each time.
        int step = Math.max(1, (rows.size() + ChartData.MAX_POINTS - 1) / ChartData.MAX_POINTS);
        List<Object[]> kept = new ArrayList<>();
        for (int r = 0; r < rows.size(); r += step) {
            kept.add(rows.get(r));
        }
        List<String> names = spec.columns();
        Object[][] columns = new Object[names.size()][kept.size()];
        for (int r = 0; r < kept.size(); r++) {
            for (int c = 0; c < names.size(); c++) {
                columns[c][r] = kept.get(r)[c];
            }
        }
        String note = step == 1 ? "every row, " + over : String.format("%,d sampled rows (every %,dth), %s", kept.size(), step, over);
        return new ChartData(frame(names, columns), types(names, columns), note);
    }

    private static ChartData binned(ChartSpec spec, List<Object[]> rows, String over) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Object[] row : rows) {
            if (row[0] != null) {
                double value = number(row[0], spec.x());
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        Bins bins = Bins.of(min, max, spec.bins());
        Map<List<Object>, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            if (row[0] == null) {
                continue;
            }
            List<Object> key = new ArrayList<>();
            key.add(bins.indexOf(number(row[0], spec.x())));
            key.addAll(Arrays.asList(row).subList(1, row.length));
            counts.merge(key, 1L, Long::sum);
        }
        List<Map.Entry<List<Object>, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.comparing(e -> (Integer) e.getKey().get(0)));
        List<String> names = new ArrayList<>(ChartData.binColumns(spec.x()));
        names.add("count");
        names.addAll(spec.groups());
        Object[][] columns = new Object[names.size()][entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            int bin = (Integer) entries.get(i).getKey().get(0);
            columns[0][i] = bins.start(bin);
            columns[1][i] = bins.end(bin);
            columns[2][i] = entries.get(i).getValue();
            for (int g = 1; g < entries.get(i).getKey().size(); g++) {
                columns[2 + g][i] = entries.get(i).getKey().get(g);
            }
        }
        return new ChartData(frame(names, columns), types(names, columns), bins.describe(spec.x()) + ", " + over);
    }

    private static double number(Object value, String column) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value == null) {
            return 0;
        }
        throw new IllegalArgumentException("column '" + column + "' holds " + value.getClass().getSimpleName()
                + " values (" + value + "); this chart needs numbers there");
    }

    static DataFrame frame(List<String> names, Object[][] columns) {
        Series<?>[] series = Arrays.stream(columns).map(Series::of).toArray(Series[]::new);
        return DataFrame.byColumn(Index.of(names.toArray(String[]::new))).of(series);
    }

    static Map<String, FieldType> types(List<String> names, Object[][] columns) {
        Map<String, FieldType> types = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            Object first = Arrays.stream(columns[c]).filter(v -> v != null).findFirst().orElse(null);
            types.put(names.get(c), FieldType.of(first));
        }
        return types;
    }
}
