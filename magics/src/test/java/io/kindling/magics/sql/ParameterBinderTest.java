package io.kindling.magics.sql;

import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;
import io.kindling.magics.magic.SourceText;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kindling.magics.sql.SqlDialect.SPARK;
import static io.kindling.magics.sql.SqlDialect.TRINO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ParameterBinderTest {
    private static final String HOSTILE = "x'; DROP TABLE t; --";

    private final Map<String, Object> notebook = notebook();

    private static Map<String, Object> notebook() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("region", "EUROPE");
        variables.put("keys", List.of(1, 2, 3));
        variables.put("none", List.of());
        variables.put("hostile", HOSTILE);
        variables.put("dquoted", "odd \"name\"");
        variables.put("backticked", "odd `name`");
        variables.put("backslashed", "a\\b");
        variables.put("unicode", "数据🎉");
        variables.put("blank", "  ");
        variables.put("nothing", null);
        return variables;
    }

    /** Binds the only statement of a cell magic's body, which starts on cell line 2. */
    private BoundStatement bind(String body, SqlDialect dialect) {
        List<SqlScript.Statement> statements = SqlScript.split(body, dialect);
        assertThat(statements).hasSize(1);
        return bind(statements.get(0), body, dialect);
    }

    private BoundStatement bind(SqlScript.Statement statement, String body, SqlDialect dialect) {
        ParameterBinder binder = new ParameterBinder(dialect, name -> Optional.ofNullable(notebook.get(name)), notebook.keySet());
        return binder.bind(statement, new SourceText(body, 2));
    }

    private MagicError failure(String body, SqlDialect dialect) {
        return catchThrowableOfType(() -> bind(body, dialect), MagicError.class);
    }

    @Test
    void referencesBecomePlaceholdersWithValues() {
        for (SqlDialect dialect : SqlDialect.values()) {
            BoundStatement bound = bind("SELECT * FROM r WHERE name = {region} AND k IN ({keys})", dialect);

            assertThat(bound.sql()).isEqualTo("SELECT * FROM r WHERE name = ? AND k IN (?, ?, ?)");
            assertThat(bound.parameters()).containsExactly("EUROPE", 1, 2, 3);
        }
    }

    @Test
    void hostileValueStaysOneBoundParameterOfOneStatement() {
        for (SqlDialect dialect : SqlDialect.values()) {
            String body = "SELECT * FROM t WHERE name = {hostile}";
            assertThat(SqlScript.split(body, dialect)).hasSize(1);

            BoundStatement bound = bind(body, dialect);

            assertThat(bound.sql()).isEqualTo("SELECT * FROM t WHERE name = ?");
            assertThat(bound.parameters()).containsExactly(HOSTILE);
        }
    }

    @Test
    void aVariableHoldingNullIsSqlNull() {
        BoundStatement bound = bind("SELECT {nothing}", TRINO);

        assertThat(bound.sql()).isEqualTo("SELECT ?");
        assertThat(bound.parameters()).isEqualTo(Arrays.asList((Object) null));
    }

    @Test
    void trinoIdentifiersAreDoubleQuotedWithQuotesDoubled() {
        assertThat(bind("SELECT * FROM {dquoted:identifier}", TRINO).sql()).isEqualTo("SELECT * FROM \"odd \"\"name\"\"\"");
        assertThat(bind("SELECT * FROM {backticked:identifier}", TRINO).sql()).isEqualTo("SELECT * FROM \"odd `name`\"");
        assertThat(bind("SELECT * FROM {backslashed:identifier}", TRINO).sql()).isEqualTo("SELECT * FROM \"a\\b\"");
        assertThat(bind("SELECT * FROM {unicode:identifier}", TRINO).sql()).isEqualTo("SELECT * FROM \"数据🎉\"");
        assertThat(bind("SELECT * FROM {hostile:identifier}", TRINO).sql()).isEqualTo("SELECT * FROM \"x'; DROP TABLE t; --\"");
    }

    @Test
    void sparkIdentifiersAreBacktickedWithBackticksDoubled() {
        assertThat(bind("SELECT * FROM {backticked:identifier}", SPARK).sql()).isEqualTo("SELECT * FROM `odd ``name```");
        assertThat(bind("SELECT * FROM {dquoted:identifier}", SPARK).sql()).isEqualTo("SELECT * FROM `odd \"name\"`");
        assertThat(bind("SELECT * FROM {backslashed:identifier}", SPARK).sql()).isEqualTo("SELECT * FROM `a\\b`");
        assertThat(bind("SELECT * FROM {unicode:identifier}", SPARK).sql()).isEqualTo("SELECT * FROM `数据🎉`");
    }

    @Test
    void quotedIdentifierStaysOneTokenWhenScannedAgain() {
        // What the binder wrote must read back as one identifier: the ; inside it splits nothing.
        String sent = bind("SELECT * FROM {hostile:identifier}", SPARK).sql();
        assertThat(SqlScript.split(sent, SPARK)).hasSize(1);
        assertThat(SqlScript.split(bind("SELECT * FROM {hostile:identifier}", TRINO).sql(), TRINO)).hasSize(1);
    }

    @Test
    void trinoLeavesBracesInStringsIdentifiersAndCommentsAlone() {
        BoundStatement bound = bind("SELECT '{region}', \"{region}\", {{region}} -- {region}\n/* {region} */", TRINO);

        assertThat(bound.sql()).isEqualTo("SELECT '{region}', \"{region}\", {region}} -- {region}\n/* {region} */");
        assertThat(bound.parameters()).isEmpty();
    }

    @Test
    void sparkLeavesBracesInItsStringsIdentifiersAndNestedCommentsAlone() {
        String body = "SELECT '{region}', \"{region}\", `{region}`, r'{region}', 'it\\'s {region}'"
                + " /* a /* b */ {region} */ -- {region}";

        BoundStatement bound = bind(body, SPARK);

        assertThat(bound.sql()).isEqualTo(body);
        assertThat(bound.parameters()).isEmpty();
    }

    @Test
    void backslashEndsATrinoStringButNotASparkOne() {
        BoundStatement trino = bind("SELECT 'a\\', {region}", TRINO);
        BoundStatement spark = bind("SELECT 'a\\', {region}'", SPARK);

        assertThat(trino.sql()).isEqualTo("SELECT 'a\\', ?");
        assertThat(trino.parameters()).containsExactly("EUROPE");
        assertThat(spark.sql()).isEqualTo("SELECT 'a\\', {region}'");
        assertThat(spark.parameters()).isEmpty();
    }

    @Test
    void backtickIsCodeInTrinoSoReferencesInsideAreBound() {
        BoundStatement bound = bind("SELECT `{region}`", TRINO);

        assertThat(bound.sql()).isEqualTo("SELECT `?`");
        assertThat(bound.parameters()).containsExactly("EUROPE");
    }

    @Test
    void unknownVariableIsNamedWithAHintAndItsCellPosition() {
        String body = "SELECT 1;\nSELECT {regoin}";
        SqlScript.Statement second = SqlScript.split(body, TRINO).get(1);

        MagicError error = catchThrowableOfType(() -> bind(second, body, TRINO), MagicError.class);

        assertThat(error.errorName()).isEqualTo("UNKNOWN_VARIABLE");
        assertThat(error).hasMessage("{regoin} at line 3:8 names no notebook variable (did you mean region?); "
                + "define it in a Java cell first");
        assertThat(error.position()).contains(new SourcePosition(3, 8));
        assertThat(error.details()).containsExactly("SELECT {regoin}", "       ^------^");
    }

    @Test
    void positionsCountCharactersAfterUnicodeText() {
        String body = "-- 数据\n  SELECT '数据', {nope} FROM `表`";

        MagicError error = failure(body, SPARK);

        assertThat(error.position()).contains(new SourcePosition(3, 16));
        assertThat(error.details()).containsExactly("  SELECT '数据', {nope} FROM `表`", "               ^----^");
    }

    @Test
    void emptyCollectionIsRefused() {
        MagicError error = failure("SELECT * FROM t\nWHERE k IN ({none})", SPARK);

        assertThat(error.errorName()).isEqualTo("EMPTY_PARAMETER");
        assertThat(error).hasMessage("{none} at line 3:13 is an empty collection; SQL has no empty IN list");
        assertThat(error.position()).contains(new SourcePosition(3, 13));
    }

    @Test
    void blankOrNullIdentifierIsRefused() {
        MagicError blank = failure("SELECT * FROM {blank:identifier}", TRINO);
        MagicError nothing = failure("SELECT * FROM {nothing:identifier}", SPARK);

        assertThat(blank.errorName()).isEqualTo("BAD_IDENTIFIER");
        assertThat(blank).hasMessage("{blank:identifier} at line 2:15 is blank, and an identifier needs a name");
        assertThat(nothing.errorName()).isEqualTo("BAD_IDENTIFIER");
        assertThat(nothing).hasMessage("{nothing:identifier} at line 2:15 is null, and an identifier needs a name");
        assertThat(nothing.details()).containsExactly("SELECT * FROM {nothing:identifier}", "              ^------------------^");
    }

    @Test
    void sentOffsetsMapBackToWrittenOffsets() {
        String written = "SELECT {keys}, '🎉', {{x}, nope";
        BoundStatement bound = bind(written, SPARK);

        assertThat(bound.sql()).isEqualTo("SELECT ?, ?, ?, '🎉', {x}, nope");
        assertThat(bound.writtenOffset(bound.sql().indexOf("nope"))).isEqualTo(written.indexOf("nope"));
        assertThat(bound.writtenOffset(bound.sql().indexOf("x}"))).isEqualTo(written.indexOf("x}"));
        assertThat(bound.writtenOffset(3)).isEqualTo(3);
    }
}
