package io.kindling.magics.sql;

import io.kindling.magics.magic.MagicCompletion;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterCompletionTest {
    private static final Set<String> VARIABLES = Set.of("minBalance", "minDate", "top", "regions");

    @Test
    void anOpenBraceCompletesNotebookVariablesReplacingWhatFollowsIt() {
        String body = "SELECT * FROM customer WHERE acctbal > {min";

        assertThat(ParameterCompletion.complete(SqlDialect.TRINO, body, body.length(), VARIABLES))
                .contains(new MagicCompletion(java.util.List.of("minBalance", "minDate"), body.length() - 3, body.length()));
    }

    @Test
    void aBareBraceOffersEveryVariableAndTheIdentifierFormToo() {
        String body = "SELECT * FROM {";
        assertThat(ParameterCompletion.complete(SqlDialect.TRINO, body, body.length(), VARIABLES).map(MagicCompletion::matches))
                .contains(java.util.List.of("minBalance", "minDate", "regions", "top"));
        String middle = "SELECT * FROM {t WHERE x";
        assertThat(ParameterCompletion.complete(SqlDialect.TRINO, middle, "SELECT * FROM {t".length(), VARIABLES)
                .map(MagicCompletion::matches)).contains(java.util.List.of("top"));
    }

    @Test
    void noParameterInsideStringsCommentsOrAfterALiteralBrace() {
        for (String body : new String[]{"SELECT '{min", "SELECT 1 -- {min", "SELECT \"{min", "SELECT '{{' || {{min",
                "SELECT {min} + 1", "SELECT min"}) {
            assertThat(ParameterCompletion.complete(SqlDialect.TRINO, body, body.length(), VARIABLES)).as(body).isEqualTo(Optional.empty());
        }
        String spark = "SELECT `{min";
        assertThat(ParameterCompletion.complete(SqlDialect.SPARK, spark, spark.length(), VARIABLES)).isEmpty();
    }
}
