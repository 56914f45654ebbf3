package io.kindling.magics.sql;

import io.kindling.magics.sql.SqlScript.Statement;
import org.junit.jupiter.api.Test;

import static io.kindling.magics.sql.SqlDialect.SPARK;
import static io.kindling.magics.sql.SqlDialect.TRINO;
import static org.assertj.core.api.Assertions.assertThat;

class SqlScriptTest {

    @Test
    void trinoSplitsAtSemicolonsOutsideStringsIdentifiersAndComments() {
        String body = "SELECT ';' AS \"a;b\" -- c;d\n;\n/* e; */ SELECT 2;\n";

        assertThat(SqlScript.split(body, TRINO)).containsExactly(
                new Statement("SELECT ';' AS \"a;b\" -- c;d", 0),
                new Statement("/* e; */ SELECT 2", 29));
    }

    @Test
    void emptyAndCommentOnlyStatementsAreDropped() {
        assertThat(SqlScript.split(" ;; -- only a comment\n ; /* x */", TRINO)).isEmpty();
        assertThat(SqlScript.split(" ;; -- only a comment\n ; /* x /* y */ */", SPARK)).isEmpty();
    }

    @Test
    void offsetsPointAtTheFirstCharacterOfEachStatement() {
        String body = "SELECT 1;\n\n  SELECT 2";

        assertThat(SqlScript.split(body, TRINO)).extracting(Statement::offset).containsExactly(0, 13);
        assertThat(SqlScript.split(body, SPARK)).extracting(Statement::offset).containsExactly(0, 13);
        assertThat(body.substring(13)).isEqualTo("SELECT 2");
    }

    @Test
    void trinoDoubledQuotesStayInsideTheirStringOrIdentifier() {
        assertThat(SqlScript.split("SELECT 'it''s; fine' AS \"x\"\";y\"; SELECT 3", TRINO)).extracting(Statement::text)
                .containsExactly("SELECT 'it''s; fine' AS \"x\"\";y\"", "SELECT 3");
    }

    @Test
    void trinoHasNoBackslashEscapes() {
        // In Trino 'a\' is a whole string holding a backslash, so the ; after it ends the statement.
        assertThat(SqlScript.split("SELECT 'a\\'; SELECT 'b'", TRINO)).extracting(Statement::text)
                .containsExactly("SELECT 'a\\'", "SELECT 'b'");
    }

    @Test
    void trinoBacktickIsNoQuote() {
        assertThat(SqlScript.split("SELECT `a;b`", TRINO)).extracting(Statement::text)
                .containsExactly("SELECT `a", "b`");
    }

    @Test
    void trinoBlockCommentsDoNotNest() {
        // The first */ closes the comment, so "; SELECT 2 */" is code: ";" ends the first statement.
        assertThat(SqlScript.split("SELECT 1 /* a /* b */; SELECT 2", TRINO)).extracting(Statement::text)
                .containsExactly("SELECT 1 /* a /* b */", "SELECT 2");
    }

    @Test
    void sparkBackslashEscapesKeepTheStringOpen() {
        String body = "SELECT 'it\\'s; ok', \"say \\\"hi;\\\"\", 'c:\\\\'; SELECT 2";

        assertThat(SqlScript.split(body, SPARK)).containsExactly(
                new Statement("SELECT 'it\\'s; ok', \"say \\\"hi;\\\"\", 'c:\\\\'", 0),
                new Statement("SELECT 2", 43));
        assertThat(body.substring(43)).isEqualTo("SELECT 2");
    }

    @Test
    void sparkDoubledQuotesAndDoubleQuotedStrings() {
        assertThat(SqlScript.split("SELECT 'a'';b', \"c\"\";d\"; SELECT 2", SPARK)).extracting(Statement::text)
                .containsExactly("SELECT 'a'';b', \"c\"\";d\"", "SELECT 2");
    }

    @Test
    void sparkBacktickIdentifiersWithDoubledBackticks() {
        assertThat(SqlScript.split("SELECT 1 AS `a;``b;`; SELECT 2", SPARK)).extracting(Statement::text)
                .containsExactly("SELECT 1 AS `a;``b;`", "SELECT 2");
    }

    @Test
    void sparkRawStringsHaveNoEscapes() {
        // r'c:\' ends at its second quote; in an ordinary string \' would have kept it open.
        assertThat(SqlScript.split("SELECT r'c:\\'; SELECT R\"x;\"; SELECT bar';'", SPARK)).extracting(Statement::text)
                .containsExactly("SELECT r'c:\\'", "SELECT R\"x;\"", "SELECT bar';'");
    }

    @Test
    void sparkBracketedCommentsNest() {
        String body = "SELECT 1 /* outer /* inner; */ still; comment */; SELECT 2";

        assertThat(SqlScript.split(body, SPARK)).containsExactly(
                new Statement("SELECT 1 /* outer /* inner; */ still; comment */", 0),
                new Statement("SELECT 2", 50));
    }

    @Test
    void sparkLineCommentContinuesAfterABackslash() {
        assertThat(SqlScript.split("SELECT 1 -- a \\\n b; c\n; SELECT 2", SPARK)).extracting(Statement::text)
                .containsExactly("SELECT 1 -- a \\\n b; c", "SELECT 2");
    }

    @Test
    void unicodeTextKeepsOffsetsInChars() {
        String body = "SELECT '🎉;数据' AS `列;名`;\nSELECT 2";

        assertThat(SqlScript.split(body, SPARK)).containsExactly(
                new Statement("SELECT '🎉;数据' AS `列;名`", 0),
                new Statement("SELECT 2", body.indexOf("SELECT 2")));
        assertThat(body.indexOf("SELECT 2")).isEqualTo(25);   // the emoji is two chars, each CJK character one
    }
}
