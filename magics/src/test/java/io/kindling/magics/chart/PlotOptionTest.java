package io.kindling.magics.chart;

import io.kindling.magics.magic.MagicUsageException;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlotOptionTest {
    private static final DataFrame TOP = DataFrame.foldByRow("subscenario", "region", "n").of("a", "north", 3, "b", "south", 5);

    @Test
    void readsMarkColumnsColourAndFacetCaseInsensitively() {
        assertThat(PlotOption.parse("bar:subscenario,n", "usage"))
                .isEqualTo(new PlotOption(Mark.BAR, "subscenario", Optional.of("n"), Optional.empty(), Optional.empty()));
        assertThat(PlotOption.parse("Histogram: n , color=region, facet=subscenario", "usage"))
                .isEqualTo(new PlotOption(Mark.HISTOGRAM, "n", Optional.empty(), Optional.of("region"), Optional.of("subscenario")));
        assertThat(PlotOption.parse("bar:region", "usage").chartOf(TOP).draw().text()).startsWith("bar chart, 2 bars: rows per region");
        assertThat(PlotOption.parse("line:subscenario,n,color=region", "usage").chartOf(TOP).draw().vegaLite()).contains("\"color\"");
        assertThatThrownBy(() -> PlotOption.parse("scatter:n,n", "usage").chartOf(TOP))
                .hasMessage("x and y are both 'n'; chart one column against another");
    }

    @Test
    void mistakesNameTheOptionAndSayWhatIsWrong() {
        assertThatThrownBy(() -> PlotOption.parse("pie:a,b", "usage")).isInstanceOf(MagicUsageException.class)
                .hasMessage("--plot pie:a,b: 'pie' is not bar, line, scatter or histogram; write --plot MARK:X[,Y][,color=C][,facet=F]");
        assertThatThrownBy(() -> PlotOption.parse("bar subscenario", "usage")).hasMessageContaining("it has no ':'");
        assertThatThrownBy(() -> PlotOption.parse("line:x", "usage")).hasMessageContaining("line takes two columns (x,y), not 1");
        assertThatThrownBy(() -> PlotOption.parse("histogram:a,b", "usage")).hasMessageContaining("histogram takes one column, not 2");
        assertThatThrownBy(() -> PlotOption.parse("bar:a,,b", "usage")).hasMessageContaining("a column name is empty");
    }
}
