package io.kindling.kernel.display;

import com.google.gson.JsonParser;
import io.kindling.magics.chart.Chart;
import io.kindling.magics.chart.DrawnChart;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Shows a {@link Chart} in one bundle: Vega-Lite for frontends that draw it (JupyterLab, VS Code), the
 * same chart as SVG for those that do not (classic Notebook, nbconvert HTML, GitHub), and a line of text.
 */
public final class ChartRenderer {
    static final MIMEType VEGA_LITE = MIMEType.parse("application/vnd.vegalite.v5+json");
    static final MIMEType SVG = MIMEType.parse("image/svg+xml");

    public void register(Renderer renderer) {
        renderer.createRegistration(Chart.class).preferring(VEGA_LITE, SVG).supporting(MIMEType.TEXT_PLAIN)
                .register(ChartRenderer::render);
    }

    private static void render(Chart chart, RenderContext context) {
        // Aggregating (on Spark for Spark tables) and drawing happen once for every representation asked for.
        DrawnChart drawn = chart.draw();
        context.renderIfRequested(VEGA_LITE, () -> JsonParser.parseString(drawn.vegaLite()));
        context.renderIfRequested(SVG, drawn::svg);
        context.renderIfRequested(MIMEType.TEXT_PLAIN, drawn::text);
    }
}
