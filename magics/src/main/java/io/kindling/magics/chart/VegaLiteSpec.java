package io.kindling.magics.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dflib.DataFrame;

import java.sql.Timestamp;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Vega-Lite v5 specification of a chart, its rows inline. */
final class VegaLiteSpec {
    static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VegaLiteSpec() {
    }

    static String of(ChartSpec spec, ChartData data, String title) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA);
        root.put("title", Map.of("text", title, "subtitle", data.note()));
        root.put("data", Map.of("values", values(data.rows())));
        root.put("width", spec.facet().isPresent() ? 240 : 480);
        root.put("height", spec.facet().isPresent() ? 180 : 300);
        root.put("mark", mark(spec));
        root.put("encoding", encoding(spec, data));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the chart's Vega-Lite specification", e);
        }
    }

    private static Map<String, Object> mark(ChartSpec spec) {
        return switch (spec.mark()) {
            case BAR, HISTOGRAM -> Map.of("type", "bar", "tooltip", true);
            case LINE -> Map.of("type", "line", "point", true, "tooltip", true);
            case SCATTER -> Map.of("type", "point", "tooltip", true);
        };
    }

    private static Map<String, Object> encoding(ChartSpec spec, ChartData data) {
        Map<String, Object> encoding = new LinkedHashMap<>();
        if (spec.mark() == Mark.HISTOGRAM) {
            List<String> bounds = ChartData.binColumns(spec.x());
            encoding.put("x", Map.of("field", bounds.get(0), "type", "quantitative", "bin", Map.of("binned", true), "title", spec.x()));
            encoding.put("x2", Map.of("field", bounds.get(1)));
            encoding.put("y", Map.of("field", "count", "type", "quantitative", "title", "rows"));
        } else {
            Map<String, Object> x = new LinkedHashMap<>(field(spec.x(), data));
            if (spec.mark() == Mark.BAR && x.get("type").equals("nominal")) {
                x.put("sort", null); // the data's order: biggest first from Spark, the table's own order locally
            }
            if (spec.mark() == Mark.BAR && x.get("type").equals("quantitative")) {
                x.put("type", "ordinal"); // bars of years or ids: one bar each, not a continuous axis
            }
            encoding.put("x", x);
            Map<String, Object> y = new LinkedHashMap<>(field(spec.measure(), data));
            if (spec.mark() != Mark.SCATTER) {
                y.put("title", spec.y().map(name -> "sum of " + name).orElse("rows"));
            }
            encoding.put("y", y);
        }
        spec.color().ifPresent(c -> encoding.put("color", Map.of("field", c, "type", "nominal")));
        spec.facet().ifPresent(f -> encoding.put("facet", Map.of("field", f, "type", "nominal", "columns", 3)));
        return encoding;
    }

    private static Map<String, Object> field(String name, ChartData data) {
        return Map.of("field", name, "type", data.types().getOrDefault(name, FieldType.NOMINAL).vegaLite());
    }

    private static List<Map<String, Object>> values(DataFrame rows) {
        List<String> names = Arrays.asList(rows.getColumnsIndex().toArray());
        List<Map<String, Object>> values = new ArrayList<>(rows.height());
        for (int r = 0; r < rows.height(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                row.put(names.get(c), json(rows.getColumn(c).get(r)));
            }
            values.add(row);
        }
        return values;
    }

    /** Numbers, text and booleans as they are; points in time as ISO text, which Vega-Lite parses. */
    private static Object json(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Temporal) {
            return value.toString();
        }
        return String.valueOf(value);
    }
}
