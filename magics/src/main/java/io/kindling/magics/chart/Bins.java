package io.kindling.magics.chart;

/** Equal-width bins over [min, max]; the last bin holds max. */
record Bins(double min, double width, int count) {
    static Bins of(double min, double max, int count) {
        if (min > max) {
            return new Bins(0, 1, 1);
        }
        double width = max > min ? (max - min) / count : 1;
        return new Bins(min, width, max > min ? count : 1);
    }

    int indexOf(double value) {
        return (int) Math.min(count - 1, Math.max(0, Math.floor((value - min) / width)));
    }

    double start(int bin) {
        return min + bin * width;
    }

    double end(int bin) {
        return min + (bin + 1) * width;
    }

    String describe(String column) {
        return String.format("rows per bin of %s (%d bins of %s)", column, count, width);
    }
}
