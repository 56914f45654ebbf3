package io.kindling.magics.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What to draw, independent of the data: mark, columns, title, bins. */
record ChartSpec(Mark mark, String x, Optional<String> y, Optional<String> color, Optional<String> facet, Optional<String> title,
                 int bins) {
    static final int DEFAULT_BINS = 20;

    ChartSpec {
        requireNonNull(mark, "mark is null");
        requireNonNull(x, "x is null");
        requireNonNull(y, "y is null");
        requireNonNull(color, "color is null");
        requireNonNull(facet, "facet is null");
        requireNonNull(title, "title is null");
        if (y.isPresent() && y.get().equals(x)) {
            throw new IllegalArgumentException("x and y are both '" + x + "'; chart one column against another");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1: " + bins);
        }
    }

    /** The columns the chart reads: x, y, colour, facet. */
    List<String> columns() {
        List<String> columns = new ArrayList<>(List.of(x));
        y.ifPresent(columns::add);
        columns.addAll(groups());
        return columns;
    }

    /** The columns rows are grouped by besides x: colour, then facet (each once, and neither when it is x or y). */
    List<String> groups() {
        List<String> groups = new ArrayList<>();
        color.filter(c -> !c.equals(x) && !y.equals(Optional.of(c))).ifPresent(groups::add);
        facet.filter(f -> !f.equals(x) && !y.equals(Optional.of(f)) && !groups.contains(f)).ifPresent(groups::add);
        return groups;
    }

    /** The measure's column name in the chart's data: y, or "count". */
    String measure() {
        return mark == Mark.HISTOGRAM || y.isEmpty() ? "count" : y.get();
    }
}
