package io.kindling.magics.chart;

import org.dflib.DataFrame;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The rows a chart draws, already aggregated (bars, lines, histograms) or sampled (scatter), with the
 * Vega-Lite type of each column and a line saying how they were made from the table.
 *
 * @param rows  columns: x (or, for histograms, the bins' start and end), the measure, colour, facet
 * @param types each column's type
 * @param note  e.g. "sum of n per subscenario, by Spark over 1,234,567 rows"
 */
record ChartData(DataFrame rows, Map<String, FieldType> types, String note) {
    /** At most this many bars or line points: more cannot be read in one chart. */
    static final int MAX_GROUPS = 1_000;
    /** At most this many scatter points; bigger tables are sampled. */
    static final int MAX_POINTS = 5_000;

    ChartData {
        requireNonNull(rows, "rows is null");
        types = Map.copyOf(types);
        requireNonNull(note, "note is null");
    }

    /** The histogram's bin columns for x. */
    static List<String> binColumns(String x) {
        return List.of(x + " (from)", x + " (to)");
    }
}
