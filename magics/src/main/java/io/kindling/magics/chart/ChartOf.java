package io.kindling.magics.chart;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A table about to be charted: pick the mark and its columns. */
public final class ChartOf {
    private final ChartSource source;

    ChartOf(ChartSource source) {
        this.source = requireNonNull(source, "source is null");
    }

    /** One bar per value of {@code x}: the sum of {@code y}. */
    public Chart bar(String x, String y) {
        return chart(Mark.BAR, x, Optional.of(y));
    }

    /** One bar per value of {@code x}: how many rows have it. */
    public Chart bar(String x) {
        return chart(Mark.BAR, x, Optional.empty());
    }

    /** The sum of {@code y} per value of {@code x}, joined in {@code x} order. */
    public Chart line(String x, String y) {
        return chart(Mark.LINE, x, Optional.of(y));
    }

    /** One point per row. */
    public Chart scatter(String x, String y) {
        return chart(Mark.SCATTER, x, Optional.of(y));
    }

    /** How many rows fall in each of 20 equal-width bins of {@code x} ({@link Chart#bins} to change). */
    public Chart histogram(String x) {
        return chart(Mark.HISTOGRAM, x, Optional.empty());
    }

    private Chart chart(Mark mark, String x, Optional<String> y) {
        return new Chart(source, new ChartSpec(mark, x, y, Optional.empty(), Optional.empty(), Optional.empty(), ChartSpec.DEFAULT_BINS));
    }
}
