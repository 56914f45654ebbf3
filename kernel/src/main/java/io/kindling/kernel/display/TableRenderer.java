package io.kindling.kernel.display;

import io.kindling.magics.magic.RichText;
import io.kindling.magics.table.ParquetTable;
import io.kindling.magics.table.TableLineage;
import io.kindling.magics.table.TablePreview;
import org.apache.spark.sql.Dataset;
import org.dflib.DataFrame;
import org.dflib.Printers;
import org.dflib.Series;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Shows notebook tables of every kind (DFLib DataFrames, Spark Datasets, Parquet handles) as an HTML table for notebooks, DFLib's tabular text for
 * consoles and a data resource for grid viewers, all cut to the first {@value #ROWS} rows with the full
 * size said below; and magics' {@link RichText} as its HTML and plain forms.
 */
public final class TableRenderer {
    static final int ROWS = 50;
    static final MIMEType DATA_RESOURCE = MIMEType.parse("application/vnd.dataresource+json");
    private static final int CELL_CHARS = 60;

    private final Function<Object, Optional<TableLineage>> lineage;

    /** @param lineage where a table came from, for the one-line source under it */
    public TableRenderer(Function<Object, Optional<TableLineage>> lineage) {
        this.lineage = requireNonNull(lineage, "lineage is null");
    }

    public void register(Renderer renderer) {
        // One rendering for every table kind: first rows, how much of the whole that is, and where it came from.
        for (Class<?> kind : List.of(DataFrame.class, Dataset.class, ParquetTable.class)) {
            renderer.createRegistration(kind).preferring(MIMEType.TEXT_HTML, DATA_RESOURCE).supporting(MIMEType.TEXT_PLAIN)
                    .register(this::render);
        }
        renderer.createRegistration(RichText.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((text, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> RichText.withoutMathJax(text.html()));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, text::plain);
                });
    }

    private void render(Object table, RenderContext context) {
        TablePreview preview = TablePreview.of(table, ROWS).orElseThrow();
        render(preview.rows(), preview.size() + lineage.apply(table).map(l -> "\n" + l.oneLine()).orElse(""), context);
    }

    private static void render(DataFrame table, String footer, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Printers.tabular(ROWS, CELL_CHARS).print(new StringBuilder(), shown(table)) + "\n" + footer);
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(table, footer));
        context.renderIfRequested(DATA_RESOURCE, () -> dataResource(table));
    }

    /**
     * The shown rows as a Frictionless data resource ({@code application/vnd.dataresource+json}), which
     * JupyterLab extensions and nteract render as sortable grids.
     */
    static Map<String, Object> dataResource(DataFrame table) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (int column = 0; column < table.width(); column++) {
            fields.add(Map.of("name", table.getColumnsIndex().get(column), "type", fieldType(table.getColumn(column))));
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (int row = 0; row < Math.min(ROWS, table.height()); row++) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int column = 0; column < table.width(); column++) {
                Object value = table.getColumn(column).get(row);
                record.put(table.getColumnsIndex().get(column),
                        value == null || value instanceof Number || value instanceof Boolean ? value : cell(value));
            }
            data.add(record);
        }
        return Map.of("schema", Map.of("fields", fields), "data", data);
    }

    private static String fieldType(Series<?> series) {
        Class<?> type = series.getNominalType();
        if (type == Long.class || type == Integer.class || type == Short.class || type == Byte.class
                || type == long.class || type == int.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == java.time.LocalDate.class) {
            return "date";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "datetime";
        }
        return "string";
    }

    static String html(DataFrame table, String footer) {
        StringBuilder html = new StringBuilder("<div class=\"" + RichText.NO_MATHJAX + "\"><table class=\"dataframe\"><thead><tr><th></th>");
        for (String label : table.getColumnsIndex()) {
            html.append("<th>").append(RichText.escape(label)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int rows = Math.min(ROWS, table.height());
        for (int row = 0; row < rows; row++) {
            html.append("<tr><th>").append(row).append("</th>");
            for (int column = 0; column < table.width(); column++) {
                Series<?> series = table.getColumn(column);
                Object value = series.get(row);
                html.append(value == null ? "<td><i>null</i></td>" : "<td>" + RichText.escape(cell(value)) + "</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        footer.lines().forEach(line -> html.append("<p>").append(RichText.escape(line)).append("</p>"));
        return html.append("</div>").toString();
    }

    /** The table with its values as {@link #cell} writes them, for DFLib's text printer (which uses toString). */
    private static DataFrame shown(DataFrame table) {
        Series<?>[] columns = new Series<?>[table.width()];
        for (int column = 0; column < table.width(); column++) {
            columns[column] = table.getColumn(column).map(value -> value == null ? null : cell(value));
        }
        return DataFrame.byColumn(table.getColumnsIndex()).of(columns);
    }

    private static String cell(Object value) {
        String text = value instanceof byte[] bytes ? bytes.length + " bytes"
                : value.getClass().isArray() ? ArrayText.of(value)
                : NumberText.of(value);
        return text.length() > CELL_CHARS ? text.substring(0, CELL_CHARS - 1) + "…" : text;
    }
}
