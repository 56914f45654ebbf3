package io.kindling.kernel.magic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CellPlanTest {

    @Test
    void cellMagicOwnsTheWholeCell() {
        CellPlan plan = CellPlan.of("%%presto top --limit 5\nSELECT 1\n%not_a_line_magic");

        assertThat(plan.parts()).containsExactly(
                new CellPlan.CellMagicCall("presto", false, "top --limit 5", "SELECT 1\n%not_a_line_magic"));
    }

    @Test
    void lineMagicsSplitJavaAndKeepTheirLineNumbers() {
        String cell = "int a = 1;\n%maven g:a:1\nint b = 2;\n  %lsmagic";
        CellPlan plan = CellPlan.of(cell);

        assertThat(plan.parts()).containsExactly(
                new CellPlan.Java(0, 11),
                new CellPlan.LineMagicCall("maven", false, "g:a:1", 2),
                new CellPlan.Java(24, 35),
                new CellPlan.LineMagicCall("lsmagic", false, "", 4));
    }

    @Test
    void questionMarkAsksForHelp() {
        assertThat(CellPlan.of("%%presto?").parts()).containsExactly(new CellPlan.CellMagicCall("presto", true, "", ""));
        assertThat(CellPlan.of("%maven?").parts()).containsExactly(new CellPlan.LineMagicCall("maven", true, "", 1));
    }

    @Test
    void moduloAtTheStartOfAContinuationLineIsJavaNotAMagic() {
        assertThat(CellPlan.of("int x = 7\n  % 3;").parts()).containsExactly(new CellPlan.Java(0, 16));
    }

    @Test
    void aPercentSignWithoutANameIsAClearError() {
        assertThatThrownBy(() -> CellPlan.of("%% presto")).hasMessageContaining("is not a magic");
        assertThatThrownBy(() -> CellPlan.of("%1abc")).hasMessageContaining("is not a magic");
    }
}
