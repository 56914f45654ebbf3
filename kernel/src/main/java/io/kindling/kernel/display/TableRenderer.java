package io.kindling.kernel.display;

import io.kindling.magics.magic.RichText;
import org.dflib.DataFrame;
import org.dflib.Printers;
import org.dflib.Series;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.Locale;

/**
 * Shows notebook tables (DFLib DataFrames) as an HTML table for notebooks and DFLib's tabular text for
 * consoles, both cut to the first {@value #ROWS} rows with the full size said below; and magics'
 * {@link RichText} as its HTML and plain forms.
 */
public final class TableRenderer {
    static final int ROWS = 50;
    private static final int CELL_CHARS = 60;

    private TableRenderer() {
    }

    public static void register(Renderer renderer) {
        renderer.createRegistration(DataFrame.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register(TableRenderer::render);
        renderer.createRegistration(RichText.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((text, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, text::html);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, text::plain);
                });
    }

    private static void render(DataFrame table, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Printers.tabular(ROWS, CELL_CHARS).print(new StringBuilder(), table) + "\n" + size(table));
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(table));
    }

    static String size(DataFrame table) {
        return String.format(Locale.ROOT, "%,d row%s × %d column%s%s", table.height(), table.height() == 1 ? "" : "s",
                table.width(), table.width() == 1 ? "" : "s",
                table.height() > ROWS ? String.format(Locale.ROOT, " (first %d shown)", ROWS) : "");
    }

    static String html(DataFrame table) {
        StringBuilder html = new StringBuilder("<div><table class=\"dataframe\"><thead><tr><th></th>");
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
        return html.append("</tbody></table><p>").append(RichText.escape(size(table))).append("</p></div>").toString();
    }

    private static String cell(Object value) {
        String text = value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value);
        return text.length() > CELL_CHARS ? text.substring(0, CELL_CHARS - 1) + "…" : text;
    }
}
