package io.kindling.magics.fsql;

import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourceText;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FsqlCellTest {

    private static FsqlCell parse(String body) {
        return FsqlCell.parse(new SourceText(body, 2));
    }

    @Test
    void statementsEndAtTheLineThatStartsTheNext() {
        FsqlCell cell = parse("""
                per_snapshot = SELECT t.subscenario, e.snapshot_ts, count(*) AS n
                    FROM top t JOIN rides.events e ON t.subscenario = e.subscenario   -- notebook table x Hive table
                    GROUP BY 1, 2
                PRINT 20 ROWS FROM per_snapshot ROWCOUNT TITLE "per snapshot"
                YIELD DATAFRAME AS per_snapshot
                """);
        assertThat(cell.statements()).hasSize(3);
        FsqlStatement select = cell.statements().get(0);
        assertThat(select.target()).contains("per_snapshot");
        assertThat(((FsqlStep.Select) select.step()).sql()).startsWith("SELECT t.subscenario").endsWith("GROUP BY 1, 2");
        assertThat(cell.statements().get(1).step()).isEqualTo(
                new FsqlStep.Print(Optional.of(20), Optional.of("per_snapshot"), true, Optional.of("per snapshot")));
        assertThat(cell.statements().get(2).step()).isEqualTo(new FsqlStep.Yield(FsqlStep.YieldKind.DATAFRAME, Optional.of("per_snapshot")));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        FsqlCell cell = parse("""
                x = select 1 as a
                Print 3 Rows From x rowcount title 'three'
                yield local dataframe as y
                Take 2 rows prepartition by a presort a desc
                """);
        assertThat(cell.statements()).extracting(s -> s.step().getClass().getSimpleName())
                .containsExactly("Select", "Print", "Yield", "Take");
        assertThat(cell.statements().get(2).step()).isEqualTo(new FsqlStep.Yield(FsqlStep.YieldKind.LOCAL_DATAFRAME, Optional.of("y")));
        assertThat(cell.statements().get(3).step()).isEqualTo(new FsqlStep.Take(2, Optional.empty(), List.of("a"),
                List.of(new FsqlStep.SortColumn("a", true))));
    }

    @Test
    void aQueryKeepsSetOperationsSubqueriesAndCtesWhole() {
        FsqlCell cell = parse("""
                WITH a AS (
                SELECT 1 AS x
                ), b AS (SELECT 2 AS x)
                SELECT x FROM a
                UNION ALL
                SELECT x FROM b
                WHERE x IN (
                  SELECT 2
                )
                SELECT transform(array(1), v -> v + 1) AS arr, x = 1 AS eq FROM b
                select
                  distinct x from a;
                PRINT
                """);
        assertThat(cell.statements()).hasSize(4);
        assertThat(((FsqlStep.Select) cell.statements().get(0).step()).sql()).endsWith("SELECT 2\n)");
        assertThat(((FsqlStep.Select) cell.statements().get(2).step()).sql()).isEqualTo("select\n  distinct x from a");
    }

    @Test
    void fileStatementsAndColumnSteps() {
        FsqlCell cell = parse("""
                LOAD CSV "/tmp/x.csv" (header = true, delimiter: "|") COLUMNS a:int, b:str
                SAVE OVERWRITE SINGLE parquet '/tmp/out'
                y = SAVE AND USE APPEND JSON "/tmp/j"
                DROP ROWS IF ANY NULL ON a, b
                DROP COLUMNS a IF EXISTS FROM y
                FILL NULLS PARAMS a:0, b:'none'
                RENAME COLUMNS a:aa
                ALTER COLUMNS aa:double
                DISTINCT
                SAMPLE 10 PERCENT SEED 7
                PERSIST
                TRANSFORM y PREPARTITION BY a USING fn (k: 1) SCHEMA *, c:int
                OUTTRANSFORM USING sink
                """);
        List<FsqlStep> steps = cell.statements().stream().map(FsqlStatement::step).toList();
        assertThat(steps.get(0)).isEqualTo(new FsqlStep.Load(Optional.of("csv"), "/tmp/x.csv",
                Map.of("header", "true", "delimiter", "|"), Optional.of("a:int, b:str")));
        assertThat(steps.get(1)).isEqualTo(new FsqlStep.Save(Optional.empty(), FsqlStep.SaveMode.OVERWRITE, true,
                Optional.of("parquet"), "/tmp/out", Map.of(), false));
        assertThat(cell.statements().get(2).target()).contains("y");
        assertThat(steps.get(2)).isEqualTo(new FsqlStep.Save(Optional.empty(), FsqlStep.SaveMode.APPEND, false,
                Optional.of("json"), "/tmp/j", Map.of(), true));
        assertThat(steps.get(3)).isEqualTo(new FsqlStep.DropRows(false, List.of("a", "b"), Optional.empty()));
        assertThat(steps.get(4)).isEqualTo(new FsqlStep.DropColumns(List.of("a"), true, Optional.of("y")));
        assertThat(((FsqlStep.FillNulls) steps.get(5)).values()).containsEntry("a", new FsqlStep.Literal("0", false))
                .containsEntry("b", new FsqlStep.Literal("none", true));
        assertThat(steps.get(6)).isEqualTo(new FsqlStep.RenameColumns(Map.of("a", "aa"), Optional.empty()));
        assertThat(steps.get(7)).isEqualTo(new FsqlStep.AlterColumns(Map.of("aa", "double"), Optional.empty()));
        assertThat(steps.get(8)).isEqualTo(new FsqlStep.Distinct(Optional.empty()));
        assertThat(steps.get(9)).isEqualTo(new FsqlStep.Sample(Optional.empty(), Optional.of(10.0), false, Optional.of(7L), Optional.empty()));
        assertThat(steps.get(10)).isEqualTo(new FsqlStep.Mark(FsqlStep.MarkKind.PERSIST, Optional.empty()));
        assertThat(steps.get(11)).isEqualTo(new FsqlStep.Transform(false, Optional.of("y"), List.of("a"), List.of(), "fn",
                Map.of("k", "1"), Optional.of("*, c:int")));
        assertThat(steps.get(12)).isEqualTo(new FsqlStep.Transform(true, Optional.empty(), List.of(), List.of(), "sink",
                Map.of(), Optional.empty()));
    }

    @Test
    void aSyntaxErrorNamesTheCellLineAndWhatWasExpected() {
        assertThatThrownBy(() -> parse("x = SELECT 1 AS a\nPRINT 5 ROWZ FROM x"))
                .isInstanceOfSatisfying(MagicError.class, e -> {
                    assertThat(e.getMessage()).startsWith("line 3:9: unexpected 'ROWZ'").contains("ROWS");
                    assertThat(e.details()).containsExactly("PRINT 5 ROWZ FROM x", "        ^--^");
                });
        assertThatThrownBy(() -> parse("YIELD DATAFRAME AS"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage())
                        .contains("line 2:").contains("the end of the statement").contains("a name"));
        assertThatThrownBy(() -> parse("LOAD CSV nope"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage())
                        .startsWith("line 2:10: unexpected 'nope'; expected a string"));
    }

    @Test
    void aFiftyStatementCellParses() {
        StringBuilder body = new StringBuilder("t0 = SELECT 1 AS a\n");
        for (int i = 1; i < 50; i++) {
            body.append(i % 2 == 0 ? "t" + i + " = SELECT a + 1 AS a FROM t" + (i - 1) + " WHERE a > 0\n" : "TAKE 1 ROW\n");
        }
        parse(body.toString());
        // Warm, a bound far above the ~ms it takes still catches a grammar that backtracks exponentially.
        long started = System.nanoTime();
        FsqlCell cell = parse(body.toString());
        assertThat(cell.statements()).hasSize(50);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(15_000);
    }
}
