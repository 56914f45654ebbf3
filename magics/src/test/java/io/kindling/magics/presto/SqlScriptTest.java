package io.kindling.magics.presto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlScriptTest {

    @Test
    void splitsAtSemicolonsOutsideStringsIdentifiersAndComments() {
        String body = "SELECT ';' AS \"a;b\" -- c;d\n;\n/* e; */ SELECT 2;\n";

        assertThat(SqlScript.split(body)).containsExactly(
                new SqlScript.Statement("SELECT ';' AS \"a;b\" -- c;d", 0),
                new SqlScript.Statement("/* e; */ SELECT 2", 29));
    }

    @Test
    void emptyAndCommentOnlyStatementsAreDropped() {
        assertThat(SqlScript.split(" ;; -- only a comment\n ; /* x */")).isEmpty();
    }

    @Test
    void offsetsPointAtTheFirstCharacterOfEachStatement() {
        String body = "SELECT 1;\n\n  SELECT 2";

        assertThat(SqlScript.split(body)).extracting(SqlScript.Statement::offset).containsExactly(0, 13);
        assertThat(body.substring(13)).startsWith("SELECT 2");
    }

    @Test
    void escapedQuotesStayInsideTheirString() {
        assertThat(SqlScript.split("SELECT 'it''s; fine'; SELECT 3")).extracting(SqlScript.Statement::text)
                .containsExactly("SELECT 'it''s; fine'", "SELECT 3");
    }
}
