package io.kindling.kernel.display;

import io.kindling.magics.table.TableKind;
import io.kindling.magics.table.TableLineage;
import io.kindling.magics.table.TableOrigin;
import io.kindling.magics.table.TablePreview;
import io.kindling.magics.table.TableStats;
import org.dflib.DataFrame;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TableRendererTest {
    private static DataFrame table(int rows) {
        return DataFrame.foldByRow("id", "name", "score").of(IntStream.range(0, rows)
                .boxed().flatMap(i -> java.util.stream.Stream.of(i, i == 1 ? null : "<n" + i + ">", i * 1.5)).toArray());
    }

    private static String size(DataFrame table) {
        return TablePreview.of(table, TableRenderer.ROWS).orElseThrow().size();
    }

    @Test
    void htmlEscapesValuesShowsNullsAndCutsLongTables() {
        String html = TableRenderer.html(table(60), size(table(60)));

        assertThat(html).contains("<th>id</th><th>name</th><th>score</th>")
                .contains("<td>&lt;n0&gt;</td>")
                .contains("<td><i>null</i></td>")
                .contains("60 rows × 3 columns (first 50 shown)")
                .doesNotContain("&lt;n50&gt;");
    }

    @Test
    void dollarsInValuesHeadersAndFooterAreNotMaths() {
        DataFrame prices = DataFrame.foldByRow("$item").of("costs $5 and $10");

        String html = TableRenderer.html(prices, "1 row from $source");

        assertThat(html).startsWith("<div class=\"tex2jax_ignore mathjax_ignore\">")
                .contains("<th>&#36;item</th>").contains("<td>costs &#36;5 and &#36;10</td>")
                .contains("1 row from &#36;source").doesNotContain("$");
    }

    @Test
    void doublesArePlainAndArraysShowTheirContentsInHtmlAndText() {
        DataFrame sums = DataFrame.foldByRow("revenue", "parts").of(5.658655440073E10, new int[]{1, 2, 3});
        Renderer renderer = new Renderer();
        new TableRenderer(table -> Optional.empty()).register(renderer);

        DisplayData data = renderer.render(sums);

        assertThat(data.getData(MIMEType.TEXT_HTML)).asString()
                .contains("<td>56586554400.73</td>").contains("<td>[1, 2, 3]</td>").doesNotContain("E10");
        assertThat(data.getData(MIMEType.TEXT_PLAIN)).asString()
                .contains("56586554400.73").contains("[1, 2, 3]").doesNotContain("E10").doesNotContain("[I@");
    }

    @Test
    void richTextHtmlIsKeptFromMathJax() {
        Renderer renderer = new Renderer();
        new TableRenderer(table -> Optional.empty()).register(renderer);

        DisplayData data = renderer.render(new io.kindling.magics.magic.RichText("a $1", "a &#36;1"));

        assertThat(data.getData(MIMEType.TEXT_HTML)).asString().startsWith("<div class=\"tex2jax_ignore mathjax_ignore\">");
        assertThat(data.getData(MIMEType.TEXT_PLAIN)).asString().isEqualTo("a $1");
    }

    @Test
    void rendererOffersHtmlTextAndDataResource() {
        Renderer renderer = new Renderer();
        new TableRenderer(table -> Optional.empty()).register(renderer);

        DisplayData data = renderer.render(table(2));

        assertThat(data.getData(MIMEType.TEXT_HTML)).asString().contains("2 rows × 3 columns");
        assertThat(data.getData(MIMEType.TEXT_PLAIN)).asString().contains("id").contains("name").contains("2 rows × 3 columns");
        @SuppressWarnings("unchecked")
        Map<String, Object> resource = (Map<String, Object>) data.getData(TableRenderer.DATA_RESOURCE);
        assertThat(resource.get("data")).asList().hasSize(2);
        assertThat(resource.toString()).contains("name=id").contains("name=score");
    }

    @Test
    void aBoundTableEndsWithItsSourceLine() {
        DataFrame bound = table(3);
        TableLineage lineage = new TableLineage("top", TableKind.LOCAL, new TableOrigin("presto", "tpch.tiny via warehouse",
                Optional.of("warehouse"), Optional.of("20261202_101500_00001_abcde"), "SELECT 1", Duration.ofMillis(420)),
                7, Instant.EPOCH, TableStats.of(bound));
        Renderer renderer = new Renderer();
        new TableRenderer(table -> table == bound ? Optional.of(lineage) : Optional.empty()).register(renderer);

        DisplayData shown = renderer.render(bound);
        DisplayData other = renderer.render(table(3));

        String source = "tpch.tiny via warehouse · query 20261202_101500_00001_abcde · 0.4 s · 3 rows";
        assertThat(String.valueOf(shown.getData(MIMEType.TEXT_PLAIN))).endsWith("3 rows × 3 columns\n" + source);
        assertThat(String.valueOf(shown.getData(MIMEType.TEXT_HTML))).endsWith("<p>" + source + "</p></div>");
        assertThat(String.valueOf(other.getData(MIMEType.TEXT_PLAIN))).doesNotContain("tpch.tiny");
    }

    @Test
    void sizeLineIsSingularForOneRow() {
        assertThat(size(table(1))).isEqualTo("1 row × 3 columns");
        assertThat(List.of(size(table(0)))).containsExactly("0 rows × 3 columns");
    }
}
