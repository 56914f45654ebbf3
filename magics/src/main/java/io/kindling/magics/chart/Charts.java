package io.kindling.magics.chart;

/**
 * Where charts start; statically imported in every notebook.
 * <pre>{@code
 * chart(top).bar("subscenario", "n")                       // the last value of a cell is drawn
 * chart(rides).histogram("km").color("region")
 * display(chart(preds).scatter("km", "score").facet("region").title("score by distance"));
 * }</pre>
 */
public final class Charts {
    private Charts() {
    }

    /** A chart of {@code table}: a DFLib DataFrame, a Spark Dataset or a Parquet handle. */
    public static ChartOf chart(Object table) {
        return new ChartOf(ChartSource.of(table));
    }
}
