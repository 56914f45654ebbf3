package io.kindling.kernel.display;

import org.dflib.DataFrame;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TableRendererTest {
    private static DataFrame table(int rows) {
        return DataFrame.foldByRow("id", "name", "score").of(IntStream.range(0, rows)
                .boxed().flatMap(i -> java.util.stream.Stream.of(i, i == 1 ? null : "<n" + i + ">", i * 1.5)).toArray());
    }

    @Test
    void htmlEscapesValuesShowsNullsAndCutsLongTables() {
        String html = TableRenderer.html(table(60));

        assertThat(html).contains("<th>id</th><th>name</th><th>score</th>")
                .contains("<td>&lt;n0&gt;</td>")
                .contains("<td><i>null</i></td>")
                .contains("60 rows × 3 columns (first 50 shown)")
                .doesNotContain("&lt;n50&gt;");
    }

    @Test
    void rendererOffersHtmlTextAndDataResource() {
        Renderer renderer = new Renderer();
        TableRenderer.register(renderer);

        DisplayData data = renderer.render(table(2));

        assertThat(data.getData(MIMEType.TEXT_HTML)).asString().contains("2 rows × 3 columns");
        assertThat(data.getData(MIMEType.TEXT_PLAIN)).asString().contains("id").contains("name").contains("2 rows × 3 columns");
        @SuppressWarnings("unchecked")
        Map<String, Object> resource = (Map<String, Object>) data.getData(TableRenderer.DATA_RESOURCE);
        assertThat(resource.get("data")).asList().hasSize(2);
        assertThat(resource.toString()).contains("name=id").contains("name=score");
    }

    @Test
    void sizeLineIsSingularForOneRow() {
        assertThat(TableRenderer.size(table(1))).isEqualTo("1 row × 3 columns");
        assertThat(List.of(TableRenderer.size(table(0)))).containsExactly("0 rows × 3 columns");
    }
}
