package io.kindling.magics.chart;

/** The words around a chart: its default title and its one-line description. */
final class ChartText {
    private ChartText() {
    }

    static String defaultTitle(ChartSpec spec) {
        return switch (spec.mark()) {
            case BAR, LINE -> spec.y().map(y -> y + " per " + spec.x()).orElse("rows per " + spec.x());
            case SCATTER -> spec.y().orElseThrow() + " by " + spec.x();
            case HISTOGRAM -> "distribution of " + spec.x();
        };
    }

    static String describe(ChartSpec spec, ChartData data) {
        int height = data.rows().height();
        String what = switch (spec.mark()) {
            case BAR -> height + (height == 1 ? " bar" : " bars");
            case LINE -> height + (height == 1 ? " point" : " points") + " on lines";
            case SCATTER -> height + (height == 1 ? " point" : " points");
            case HISTOGRAM -> height + (height == 1 ? " bin" : " bins") + " with rows";
        };
        return spec.mark().name().toLowerCase() + " chart, " + what + ": " + data.note();
    }
}
