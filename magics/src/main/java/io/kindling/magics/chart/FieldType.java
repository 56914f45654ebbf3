package io.kindling.magics.chart;

import java.time.temporal.Temporal;
import java.util.Date;

/** How Vega-Lite reads a column: a measure, a point in time, or a category. */
enum FieldType {
    QUANTITATIVE("quantitative"), TEMPORAL("temporal"), NOMINAL("nominal");

    private final String vegaLite;

    FieldType(String vegaLite) {
        this.vegaLite = vegaLite;
    }

    String vegaLite() {
        return vegaLite;
    }

    /** The type of a column from one of its values (null: nominal). */
    static FieldType of(Object value) {
        if (value instanceof Number) {
            return QUANTITATIVE;
        }
        if (value instanceof Temporal || value instanceof Date) {
            return TEMPORAL;
        }
        return NOMINAL;
    }
}
