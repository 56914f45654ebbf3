package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.kindling.magics.presto.LocalTrino;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code %%presto} through the installed kernel against the real local Trino server. */
class PrestoMagicTest {
    private static final String SECRET = "hunter2-" + UUID.randomUUID();
    private static JupyterDriver kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        Path profiles = InstalledKernel.work().resolve("profiles.yaml");
        Files.writeString(profiles, """
                presto:
                  default: local
                  profiles:
                    local:
                      server: %s
                      catalog: tpch
                      schema: tiny
                      user: kindling-e2e
                    dead:
                      server: http://127.0.0.1:1
                    secured:
                      server: https://127.0.0.1:1
                      user: alice
                      password_env: KINDLING_TEST_SECRET
                """.formatted(LocalTrino.url()));
        kernel = JupyterDriver.start(InstalledKernel.get(), Map.of(
                "KINDLING_PROFILES", profiles.toString(),
                "KINDLING_TEST_SECRET", SECRET,
                "KINDLING_PRESTO_MAX_ROWS", "50000"));
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
    void queryIsShownAndBoundAsADataFrame() throws Exception {
        JupyterDriver.Execution cell = kernel.execute(
                "%%presto top\nSELECT regionkey, count(*) AS n FROM nation GROUP BY 1 ORDER BY n DESC, regionkey LIMIT 2");

        assertThat(cell.status()).isEqualTo("ok");
        assertThat(cell.messages("execute_result").get(0).at("/data/text~1html").asText())
                .contains("<th>regionkey</th><th>n</th>").contains("2 rows × 2 columns");
        assertThat(value("top.getClass().getName().startsWith(\"org.dflib\") + \" \" + top.height() + \" \" + top.get(\"n\", 0).getClass().getSimpleName()"))
                .isEqualTo("true 2 Long");
    }

    @Test
    void everyTypeMapsToJavaAndNullsSurvive() throws Exception {
        kernel.execute("""
                %%presto types
                SELECT * FROM (VALUES
                  (BIGINT '1', 2.5E0, DECIMAL '12.34', 'text', DATE '2024-01-31', TIMESTAMP '2024-01-31 12:00:00',
                   true, ARRAY[1, 2], MAP(ARRAY['a'], ARRAY[1]), CAST(ROW(7, 'x') AS ROW(id BIGINT, name VARCHAR))),
                  (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
                ) AS t(b, d, dec, s, day, ts, flag, arr, m, r)""");

        String classes = value("""
                String.join(",", java.util.stream.IntStream.range(0, 7)
                    .mapToObj(i -> types.getColumn(i).get(0).getClass().getSimpleName()).toList())""");
        assertThat(classes).isEqualTo("Long,Double,BigDecimal,String,LocalDate,LocalDateTime,Boolean");
        assertThat(value("types.get(\"dec\", 0) + \" \" + types.get(\"day\", 0) + \" \" + types.get(\"ts\", 0)"))
                .isEqualTo("12.34 2024-01-31 2024-01-31T12:00");
        assertThat(value("types.get(\"arr\", 0).equals(List.of(1, 2))")).isEqualTo("true");
        assertThat(value("types.get(\"m\", 0).equals(Map.of(\"a\", 1))")).isEqualTo("true");
        assertThat(value("types.get(\"r\", 0).equals(Map.of(\"id\", 7L, \"name\", \"x\"))")).isEqualTo("true");
        assertThat(value("java.util.stream.IntStream.range(0, types.width()).allMatch(i -> types.getColumn(i).get(1) == null)"))
                .isEqualTo("true");
    }

    @Test
    void progressIsShownAndReplacedByASummaryWithTheQueryLink() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("%%presto\nSELECT count(*) AS n FROM lineitem");

        List<JsonNode> updates = cell.messages("update_display_data");
        assertThat(cell.messages("display_data")).isNotEmpty();
        assertThat(updates).isNotEmpty();
        String summary = updates.get(updates.size() - 1).at("/data/text~1html").asText();
        assertThat(summary).contains("1 row ·").doesNotContain("1 rows").contains("/ui/query.html?").contains(LocalTrino.url());
        assertThat(value("_presto.get(\"n\", 0)")).isEqualTo("60175");
    }

    @Test
    void aMillionRowsFetchWithinTheCap() throws Exception {
        JupyterDriver.Execution cell = kernel.execute(
                "%%presto big --limit 1000000 --quiet\nSELECT orderkey, partkey, quantity FROM tpch.sf1.lineitem LIMIT 1000000");

        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        assertThat(value("big.height()")).isEqualTo("1000000");
    }

    @Test
    void theRowCapStopsWithAClearMessageAndBindsNothing() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("%%presto capped\nSELECT * FROM lineitem");

        assertThat(cell.status()).isEqualTo("error");
        assertThat(cell.error().get("ename").asText()).isEqualTo("TOO_MANY_ROWS");
        assertThat(cell.error().get("evalue").asText()).contains("more than 50,000 rows").contains("LIMIT").contains("%%hive");
        assertThat(kernel.execute("capped").status()).isEqualTo("error");
    }

    @Test
    void multiStatementCellsRunInOrderWithCtasIntoMemory() throws Exception {
        String table = "memory.default.t_" + UUID.randomUUID().toString().replace("-", "");
        JupyterDriver.Execution cell = kernel.execute("%%presto counted\nCREATE TABLE " + table
                + " AS SELECT * FROM nation;\nSELECT count(*) AS n FROM " + table);

        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        String shown = cell.messages("update_display_data").toString();
        assertThat(shown).contains("CREATE TABLE: 25 rows");
        assertThat(value("counted.get(\"n\", 0)")).isEqualTo("25");
    }

    @Test
    void syntaxErrorPointsAtTheCellLineAndColumn() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("%%presto\nSELECT 1;\nSELECT regoin\nFROM nation");

        assertThat(cell.status()).isEqualTo("error");
        assertThat(cell.error().get("ename").asText()).isEqualTo("COLUMN_NOT_FOUND");
        assertThat(cell.error().get("evalue").asText()).contains("line 3:8: Column 'regoin' cannot be resolved");
        assertThat(cell.traceback()).contains("SELECT regoin\n       ^");
    }

    @Test
    void unknownTableIsNamed() throws Exception {
        JupyterDriver.Execution cell = kernel.execute("%%presto\nSELECT * FROM no_such_table");

        assertThat(cell.error().get("ename").asText()).isEqualTo("TABLE_NOT_FOUND");
        assertThat(cell.error().get("evalue").asText()).contains("no_such_table");
    }

    @Test
    void parametersAreBoundSoInjectionIsJustData() throws Exception {
        kernel.execute("String evil = \"'; DROP TABLE memory.default.anything; --\"; long region = 1;");

        JupyterDriver.Execution cell = kernel.execute(
                "%%presto echo\nSELECT {evil} AS v, count(*) AS n FROM nation WHERE regionkey = {region}");

        assertThat(cell.status()).as(cell.raw().toString()).isEqualTo("ok");
        assertThat(value("echo.get(\"v\", 0)")).isEqualTo("'; DROP TABLE memory.default.anything; --");
        assertThat(value("echo.get(\"n\", 0)")).isEqualTo("5");
        assertThat(kernel.execute("%%presto\nSELECT {nosuch}").error().get("evalue").asText())
                .contains("{nosuch} at line 2:8 names no notebook variable");
    }

    @Test
    void deadServerAndBadProfileSayWhatIsWrong() throws Exception {
        JupyterDriver.Execution dead = kernel.execute("%%presto --profile dead\nSELECT 1");
        JupyterDriver.Execution unknown = kernel.execute("%%presto --profile lcoal\nSELECT 1");

        assertThat(dead.error().get("evalue").asText()).contains("cannot reach Trino for profile 'dead' (http://127.0.0.1:1");
        assertThat(unknown.error().get("evalue").asText()).contains("there is no Trino profile 'lcoal' (did you mean local?)");
    }

    @Test
    void secretsNeverAppearInOutputsOrErrors() throws Exception {
        JupyterDriver.Execution failed = kernel.execute("%%presto --profile secured\nSELECT 1");
        JupyterDriver.Execution listing = kernel.execute("%presto");

        assertThat(failed.status()).isEqualTo("error");
        assertThat(failed.raw().toString()).doesNotContain(SECRET);
        assertThat(listing.resultText()).contains("secured: alice@https://127.0.0.1:1, password <from environment variable KINDLING_TEST_SECRET>")
                .doesNotContain(SECRET);
    }

    @Test
    void anOpenBraceCompletesNotebookVariables() throws Exception {
        kernel.execute("long minBalanceForCompletion = 100; var minDateForCompletion = LocalDate.of(1995, 1, 1);");
        String code = "%%presto\nSELECT * FROM customer WHERE acctbal > {minBalanceFor";

        JsonNode completion = kernel.call("complete", "code", code, "cursor_pos", code.length());

        assertThat(completion.get("matches").toString()).isEqualTo("[\"minBalanceForCompletion\"]");
        assertThat(completion.get("cursor_start").asInt()).isEqualTo(code.length() - "minBalanceFor".length());
    }

    @Test
    void completionOffersTablesAndColumnsFromTheServer() throws Exception {
        String code = "%%presto\nSELECT * FROM nat";
        JsonNode completion = completeUntilNamesArrive(code, "nation");

        assertThat(completion.get("matches").toString()).contains("nation");
        assertThat(completion.get("cursor_start").asInt()).isEqualTo(code.length() - 3);
        String qualified = "%%presto\nSELECT * FROM tpch.sf1.lin";
        assertThat(completeUntilNamesArrive(qualified, "lineitem").get("matches").toString()).contains("lineitem");
    }

    /**
     * Tab answers within a few seconds, without names the server has not sent yet; they keep loading and
     * a later Tab has them (on a busy machine the first lookup can take longer than the budget).
     */
    private static JsonNode completeUntilNamesArrive(String code, String expected) throws Exception {
        JsonNode completion = kernel.call("complete", "code", code, "cursor_pos", code.length());
        for (int attempt = 0; attempt < 60 && !completion.get("matches").toString().contains(expected); attempt++) {
            Thread.sleep(1_000);
            completion = kernel.call("complete", "code", code, "cursor_pos", code.length());
        }
        return completion;
    }
}
