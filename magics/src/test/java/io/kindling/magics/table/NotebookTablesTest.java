package io.kindling.magics.table;

import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.RecordingMagicContext;
import io.kindling.magics.magic.RecordingMagicContext.Binding;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class NotebookTablesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:15:00Z");
    private final NotebookTables tables = new NotebookTables(Clock.fixed(NOW, ZoneOffset.UTC));
    private final RecordingMagicContext context = new RecordingMagicContext();

    private static DataFrame nations() {
        return DataFrame.foldByRow("name", "regionkey").of("ALGERIA", 0L, "ARGENTINA", 1L, "BRAZIL", 1L);
    }

    private static TableOrigin origin(String sql) {
        return new TableOrigin("presto", "tpch.tiny via local", Optional.of("local"),
                Optional.of("20261202_101500_00001_abcde"), sql, Duration.ofMillis(1250));
    }

    private String run(String arguments) {
        TablesMagic magic = new TablesMagic(tables);
        return (String) magic.run(MagicArgumentParser.parse(magic.spec(), arguments), context).orElseThrow();
    }

    @Test
    void bindingDeclaresTheKindsTypeAndRecordsTheLineage() {
        DataFrame top = nations();

        TableLineage lineage = tables.bind(context, "top", top, origin("SELECT name, regionkey FROM nation"));

        assertThat(context.bindings()).containsExactly(new Binding("top", top, "org.dflib.DataFrame"));
        assertThat(lineage.kind()).isEqualTo(TableKind.LOCAL);
        assertThat(lineage.cell()).isEqualTo(1);
        assertThat(lineage.boundAt()).isEqualTo(NOW);
        assertThat(lineage.stats().describe()).startsWith("3 rows × 2 columns · ≈ ");
        assertThat(lineage.oneLine()).isEqualTo("tpch.tiny via local · query 20261202_101500_00001_abcde · 1.3 s · 3 rows");
        assertThat(tables.lineageOf(top)).contains(lineage);
        assertThat(tables.lineageOf(nations())).as("an equal table is not the bound one").isEmpty();
    }

    @Test
    void tablesListsWhatVariablesStillHoldAndShowsOneInFull() {
        DataFrame top = nations();
        tables.bind(context, "top", top, origin("SELECT name, regionkey\nFROM nation"));
        tables.bind(context, "gone", nations(), origin("SELECT 1"));
        context.set("gone", "reassigned");

        assertThat(run("")).isEqualTo("1 table:\ntop  DFLib DataFrame  " + TableStats.of(top).describe()
                + "  presto: tpch.tiny via local  cell [1]");
        assertThat(run("top")).contains("top (DFLib DataFrame, org.dflib.DataFrame)")
                .contains("  profile:  local")
                .contains("  query:    20261202_101500_00001_abcde")
                .contains("  bound:    cell [1] at ")
                .endsWith("  sql:\n    SELECT name, regionkey\n    FROM nation");
    }

    @Test
    void anUnknownNameSuggestsABoundOne() {
        tables.bind(context, "europe", nations(), origin("SELECT 1"));

        MagicError error = catchThrowableOfType(() -> run("eurpoe"), MagicError.class);

        assertThat(error.errorName()).isEqualTo("UNKNOWN_TABLE");
        assertThat(error.getMessage()).isEqualTo("no notebook table is named 'eurpoe' (did you mean europe?); %tables lists them");
        assertThat(new TablesMagic(new NotebookTables(Clock.systemUTC())).run(
                MagicArgumentParser.parse(new TablesMagic(tables).spec(), ""), context))
                .contains("No tables yet: a SQL cell binds one, e.g. %%presto top");
    }

    @Test
    void aDataFramePreviewSaysHowMuchOfTheWholeItShows() {
        DataFrame big = DataFrame.foldByRow("n").of((Object[]) java.util.stream.IntStream.range(0, 120).boxed().toArray());

        TablePreview preview = TablePreview.of(big, 50).orElseThrow();

        assertThat(preview.rows().height()).isEqualTo(50);
        assertThat(preview.size()).isEqualTo("120 rows × 1 column (first 50 shown)");
        assertThat(TablePreview.of("not a table", 50)).isEmpty();
    }
}
