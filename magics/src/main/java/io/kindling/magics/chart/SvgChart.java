package io.kindling.magics.chart;

import org.dflib.DataFrame;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The chart as an SVG image, drawn in the kernel with JFreeChart: what frontends without Vega-Lite
 * show. Facets are drawn one under the other.
 */
final class SvgChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int FACET_HEIGHT = 260;
    /** More facets than this are left out of the image (the Vega-Lite chart has them all). */
    private static final int MAX_FACETS = 12;

    private SvgChart() {
    }

    static String of(ChartSpec spec, ChartData data, String title) {
        List<Map.Entry<Object, DataFrame>> panels = facets(spec, data.rows());
        int panelHeight = panels.size() == 1 ? HEIGHT : FACET_HEIGHT;
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, panelHeight * panels.size());
        for (int p = 0; p < panels.size(); p++) {
            Map.Entry<Object, DataFrame> panel = panels.get(p);
            String panelTitle = spec.facet().isPresent() ? spec.facet().get() + " = " + panel.getKey() : title;
            JFreeChart chart = chart(spec, panel.getValue(), data, panelTitle);
            if (p == 0) {
                chart.addSubtitle(new TextTitle(data.note(), new Font("SansSerif", Font.PLAIN, 11)));
            }
            chart.setBackgroundPaint(Color.WHITE);
            chart.draw(svg, new Rectangle2D.Double(0, (double) p * panelHeight, WIDTH, panelHeight));
        }
        return svg.getSVGDocument();
    }

    private static List<Map.Entry<Object, DataFrame>> facets(ChartSpec spec, DataFrame rows) {
        if (spec.facet().isEmpty()) {
            return List.of(Map.entry("", rows));
        }
        Map<Object, List<Integer>> byValue = new LinkedHashMap<>();
        for (int r = 0; r < rows.height(); r++) {
            byValue.computeIfAbsent(String.valueOf(rows.getColumn(spec.facet().get()).get(r)), k -> new ArrayList<>()).add(r);
        }
        List<Map.Entry<Object, DataFrame>> panels = new ArrayList<>();
        for (Map.Entry<Object, List<Integer>> value : byValue.entrySet()) {
            if (panels.size() == MAX_FACETS) {
                break;
            }
            int[] positions = value.getValue().stream().mapToInt(Integer::intValue).toArray();
            panels.add(Map.entry(value.getKey(), rows.rows(positions).select()));
        }
        return panels;
    }

    private static JFreeChart chart(ChartSpec spec, DataFrame rows, ChartData data, String title) {
        return switch (spec.mark()) {
            case BAR -> ChartFactory.createBarChart(title, spec.x(), measureTitle(spec), categories(spec, rows),
                    PlotOrientation.VERTICAL, spec.color().isPresent(), false, false);
            case LINE -> data.types().get(spec.x()) == FieldType.NOMINAL
                    ? ChartFactory.createLineChart(title, spec.x(), measureTitle(spec), categories(spec, rows),
                    PlotOrientation.VERTICAL, spec.color().isPresent(), false, false)
                    : data.types().get(spec.x()) == FieldType.TEMPORAL
                    ? ChartFactory.createTimeSeriesChart(title, spec.x(), measureTitle(spec), points(spec, rows, spec.x(), spec.measure()),
                    spec.color().isPresent(), false, false)
                    : ChartFactory.createXYLineChart(title, spec.x(), measureTitle(spec), points(spec, rows, spec.x(), spec.measure()),
                    PlotOrientation.VERTICAL, spec.color().isPresent(), false, false);
            case SCATTER -> ChartFactory.createScatterPlot(title, spec.x(), spec.y().orElseThrow(),
                    points(spec, rows, spec.x(), spec.y().get()), PlotOrientation.VERTICAL, spec.color().isPresent(), false, false);
            case HISTOGRAM -> ChartFactory.createXYBarChart(title, spec.x(), false, "rows", bins(spec, rows),
                    PlotOrientation.VERTICAL, spec.color().isPresent(), false, false);
        };
    }

    private static String measureTitle(ChartSpec spec) {
        return spec.y().map(y -> "sum of " + y).orElse("rows");
    }

    private static DefaultCategoryDataset categories(ChartSpec spec, DataFrame rows) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (int r = 0; r < rows.height(); r++) {
            String series = seriesName(spec, rows, r, spec.measure());
            dataset.addValue(number(rows.getColumn(spec.measure()).get(r)), series, String.valueOf(rows.getColumn(spec.x()).get(r)));
        }
        return dataset;
    }

    private static XYSeriesCollection points(ChartSpec spec, DataFrame rows, String x, String y) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (int r = 0; r < rows.height(); r++) {
            Object xValue = rows.getColumn(x).get(r);
            Object yValue = rows.getColumn(y).get(r);
            if (xValue == null || yValue == null) {
                continue;
            }
            String name = seriesName(spec, rows, r, y);
            series.computeIfAbsent(name, n -> new XYSeries(n, false, true)).add(coordinate(xValue), number(yValue));
        }
        XYSeriesCollection collection = new XYSeriesCollection();
        series.values().forEach(collection::addSeries);
        return collection;
    }

    private static XYSeriesCollection bins(ChartSpec spec, DataFrame rows) {
        List<String> bounds = ChartData.binColumns(spec.x());
        Map<String, XYSeries> series = new LinkedHashMap<>();
        double width = 1;
        for (int r = 0; r < rows.height(); r++) {
            double from = number(rows.getColumn(bounds.get(0)).get(r));
            double to = number(rows.getColumn(bounds.get(1)).get(r));
            width = to - from;
            String name = seriesName(spec, rows, r, "rows");
            series.computeIfAbsent(name, n -> new XYSeries(n, false, true)).add((from + to) / 2, number(rows.getColumn("count").get(r)));
        }
        XYSeriesCollection collection = new XYSeriesCollection();
        series.values().forEach(collection::addSeries);
        collection.setIntervalWidth(width);
        return collection;
    }

    /** The row's colour value, which names its series, or {@code single} without colours. */
    private static String seriesName(ChartSpec spec, DataFrame rows, int row, String single) {
        return spec.color().isPresent() ? String.valueOf(rows.getColumn(spec.color().get()).get(row)) : single;
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    /** A position on a numeric or time axis: numbers as they are, points in time as epoch milliseconds. */
    private static double coordinate(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.getTime();
        }
        if (value instanceof java.util.Date date) {
            return date.getTime();
        }
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof LocalDate day) {
            return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        return Objects.hashCode(value);
    }
}
