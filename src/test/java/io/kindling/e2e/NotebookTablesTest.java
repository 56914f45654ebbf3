package io.kindling.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Notebook tables through the installed kernel: lineage and %tables, and conversions between table kinds. */
class NotebookTablesTest {
    private static JupyterDriver kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        Path profiles = InstalledKernel.profilesWithLocalTrino("tables-profiles.yaml", """
                spark:
                  local: {cores: 2}
                """);
        kernel = JupyterDriver.start(InstalledKernel.get(), Map.of("KINDLING_PROFILES", profiles.toString()));
    }

    @AfterAll
    static void stopKernel() throws Exception {
        kernel.close();
    }

    private static String value(String javaExpression) throws Exception {
        JupyterDriver.Execution cell = kernel.execute(javaExpression);
        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        return cell.resultText();
    }

    @Test
    void aPrestoTableShowsItsSourceAndTablesListsItWithTheQueryId() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("%%presto europe\nSELECT name FROM nation WHERE regionkey = 3");

        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        String shown = cell.messages("execute_result").get(0).at("/data/text~1plain").asText();
        Matcher source = Pattern.compile("tpch\\.tiny via local · query (\\d{8}_\\d{6}_\\d{5}_\\w{5}) · [0-9.]+ s · 5 rows")
                .matcher(shown);
        assertThat(source.find()).as(shown).isTrue();
        String queryId = source.group(1);

        String listing = value("%tables");
        String details = value("%tables europe");

        assertThat(listing).contains("europe  DFLib DataFrame  5 rows × 1 column").contains("presto: tpch.tiny via local");
        assertThat(details).contains("query:    " + queryId).contains("profile:  local")
                .contains("SELECT name FROM nation WHERE regionkey = 3");
        assertThat(value("%%presto\nSELECT count(*) FROM system.runtime.queries WHERE query_id = '" + queryId + "'"))
                .as("the query id is Trino's own").contains("1");
        JupyterDriver.Execution unknown = kernel.execute("%tables eurpoe");
        assertThat(unknown.error().get("ename").asText()).isEqualTo("UNKNOWN_TABLE");
        assertThat(unknown.error().get("evalue").asText()).contains("did you mean europe?");
    }

    @Test
    void aReassignedVariableNoLongerClaimsItsOldTable() throws Exception {
        kernel.execute("%%presto moved\nSELECT 1 AS one");
        kernel.execute("moved = null;");

        assertThat(value("%tables")).doesNotContain("moved ");
    }

    @Test
    void aDfLibTableWithEveryColumnTypeRoundTripsThroughSparkUnchanged() throws Exception {
        JupyterDriver.Execution build = kernel.execute("""
                import io.kindling.magics.table.Struct;
                var original = DataFrame.foldByRow("tiny", "small", "i", "l", "f", "d", "dec", "flag", "text", "day",
                        "instant", "local", "arr", "map", "row").of(
                    (byte) 1, (short) 2, 3, 4L, 5.5f, 6.25, new BigDecimal("12345.678"), true, "naïve ✓ 'q'",
                        LocalDate.of(2024, 1, 31), Instant.parse("2024-01-31T12:00:00.123456Z"),
                        LocalDateTime.of(2024, 1, 31, 12, 0, 1), List.of(1L, 2L), Map.of("a", 1.5),
                        Struct.of(List.of("id", "name"), List.of(7L, "x")),
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    (byte) -1, (short) -2, -3, -4L, -5.5f, -6.25, new BigDecimal("-0.001"), false, "",
                        LocalDate.of(1970, 1, 1), Instant.EPOCH, LocalDateTime.of(1999, 12, 31, 23, 59, 59),
                        List.of(), Map.of(), Struct.of(List.of("id", "name"), Arrays.asList(null, "y")));
                var back = Spark.toLocal(Spark.dataFrame(original), 10);
                """);
        assertThat(build.status()).as(build.raw().toString()).isEqualTo("ok");

        assertThat(value("back.getColumnsIndex().toArray().length + \" \" + back.height()")).isEqualTo("15 3");
        assertThat(value("""
                java.util.stream.IntStream.range(0, original.width())
                    .filter(c -> !original.getColumnsIndex().get(c).equals(back.getColumnsIndex().get(c))
                        || !original.getColumn(c).toList().equals(back.getColumn(c).toList()))
                    .mapToObj(c -> original.getColumnsIndex().get(c) + ": " + original.getColumn(c).toList()
                        + " came back as " + back.getColumn(c).toList())
                    .toList().toString()""")).isEqualTo("[]");
        assertThat(value("back.get(\"dec\", 0).getClass().getSimpleName() + \" \" + back.get(\"local\", 0).getClass().getSimpleName()"))
                .isEqualTo("BigDecimal LocalDateTime");
    }

    @Test
    void aSparkDatasetRendersItsFirstRowsWithoutCountingThem() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("Spark.session().range(1000).selectExpr(\"id\", \"id * 2 AS twice\")");

        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        String html = cell.messages("execute_result").get(0).at("/data/text~1html").asText();
        assertThat(html).contains("<th>id</th><th>twice</th>").contains("<td>49</td><td>98</td>")
                .doesNotContain("<td>50</td><td>100</td>").contains("first 50 rows of a Spark Dataset (not counted)");
    }
}
