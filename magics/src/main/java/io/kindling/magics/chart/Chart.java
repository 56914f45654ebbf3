package io.kindling.magics.chart;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A chart of a notebook table, shown when it is a cell's value (or passed to {@code display}):
 * interactive Vega-Lite where the frontend draws it (JupyterLab, VS Code), the same chart as an SVG
 * image where it does not (classic Notebook, HTML exports, GitHub). Immutable: each method returns a
 * new chart.
 * <pre>{@code
 * chart(top).bar("subscenario", "n").title("top subscenarios")
 * chart(rides).line("day", "km").color("region")
 * chart(preds).scatter("km", "score").facet("region")
 * chart(rides).histogram("km").bins(40)
 * }</pre>
 */
public final class Chart {
    private final ChartSource source;
    private final ChartSpec spec;

    Chart(ChartSource source, ChartSpec spec) {
        this.source = requireNonNull(source, "source is null");
        this.spec = requireNonNull(spec, "spec is null");
        source.check(spec);
    }

    /** One colour (and legend entry) per value of {@code column}. */
    public Chart color(String column) {
        return new Chart(source, new ChartSpec(spec.mark(), spec.x(), spec.y(), Optional.of(column), spec.facet(), spec.title(),
                spec.bins()));
    }

    /** One small chart per value of {@code column}, side by side. */
    public Chart facet(String column) {
        return new Chart(source, new ChartSpec(spec.mark(), spec.x(), spec.y(), spec.color(), Optional.of(column), spec.title(),
                spec.bins()));
    }

    public Chart title(String title) {
        return new Chart(source, new ChartSpec(spec.mark(), spec.x(), spec.y(), spec.color(), spec.facet(), Optional.of(title),
                spec.bins()));
    }

    /** A histogram's number of equal-width bins (20 unless set). */
    public Chart bins(int bins) {
        return new Chart(source, new ChartSpec(spec.mark(), spec.x(), spec.y(), spec.color(), spec.facet(), spec.title(), bins));
    }

    /**
     * Aggregates the table (Spark tables on Spark) and draws the chart both ways. The kernel calls
     * this to show the chart.
     */
    public DrawnChart draw() {
        ChartData data = source.data(spec);
        String title = spec.title().orElseGet(() -> ChartText.defaultTitle(spec));
        return new DrawnChart(VegaLiteSpec.of(spec, data, title), SvgChart.of(spec, data, title), ChartText.describe(spec, data));
    }

    @Override
    public String toString() {
        return spec.mark().name().toLowerCase() + " chart of " + String.join(", ", spec.columns());
    }
}
