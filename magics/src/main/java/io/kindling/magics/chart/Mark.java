package io.kindling.magics.chart;

/** What a chart draws. */
public enum Mark {
    /** One bar per x value (and colour): the sum of y, or the row count without y. */
    BAR,
    /** One point per x value (and colour) joined in x order: the sum of y, or the row count. */
    LINE,
    /** One point per row (a sample of at most {@link ChartData#MAX_POINTS} rows). */
    SCATTER,
    /** The rows counted in equal-width bins of x. */
    HISTOGRAM
}
