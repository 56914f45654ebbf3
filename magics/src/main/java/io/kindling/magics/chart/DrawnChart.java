package io.kindling.magics.chart;

import static java.util.Objects.requireNonNull;

/**
 * A chart drawn for display.
 *
 * @param vegaLite the Vega-Lite v5 specification, data inline ({@code application/vnd.vegalite.v5+json})
 * @param svg      the same chart as an SVG image ({@code image/svg+xml})
 * @param text     one line saying what it shows ({@code text/plain})
 */
public record DrawnChart(String vegaLite, String svg, String text) {
    public DrawnChart {
        requireNonNull(vegaLite, "vegaLite is null");
        requireNonNull(svg, "svg is null");
        requireNonNull(text, "text is null");
    }
}
