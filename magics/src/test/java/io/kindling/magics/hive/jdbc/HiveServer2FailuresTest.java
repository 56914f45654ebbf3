package io.kindling.magics.hive.jdbc;

import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How server messages become errors; the messages are the ones HiveServer2 4.0.1 and Spark's Thrift Server send. */
class HiveServer2FailuresTest {
    private static final HiveServer2Profile PROFILE = new HiveServer2Profile("local", "jdbc:hive2://127.0.0.1:10000/default",
            "kindling", Optional.empty(), Map.of(), 1000);

    private static HiveServer2Error explain(String message, String sqlState, int code) {
        return (HiveServer2Error) HiveServer2Failures.statementFailure(new SQLException(message, sqlState, code), PROFILE);
    }

    @Test
    void aMissingTableHasItsPositionOneBased() {
        HiveServer2Error error = explain("Error while compiling statement: FAILED: SemanticException [Error 10001]: Line 1:14"
                + " Table not found 'nope'", "42S02", 10001);

        assertThat(error.errorName()).isEqualTo("TABLE_NOT_FOUND");
        assertThat(error.getMessage()).isEqualTo("SemanticException [Error 10001]: Line 1:14 Table not found 'nope'");
        assertThat(error.reason()).isEqualTo("Table not found 'nope'");
        assertThat(error.statementPosition()).contains(new SourcePosition(1, 15));
        assertThat(error.position()).isEmpty();     // a cell position only once the magic maps it
        assertThat(error.details()).containsExactly("HiveServer2 at 127.0.0.1:10000 (profile 'local'): SQLState 42S02, error 10001");
    }

    @Test
    void namesFollowHiveCodesAndSqlStates() {
        assertThat(explain("Error while compiling statement: FAILED: SemanticException [Error 10004]: Line 2:2 Invalid table alias"
                + " or column reference 'nope_col': (possible column names are: a)", "42000", 10004))
                .satisfies(e -> assertThat(e.errorName()).isEqualTo("COLUMN_NOT_FOUND"))
                .satisfies(e -> assertThat(e.statementPosition()).contains(new SourcePosition(2, 3)));
        assertThat(explain("Error while compiling statement: FAILED: ParseException line 1:13 cannot recognize input near"
                + " '<EOF>' '<EOF>' '<EOF>' in join source", "42000", 40000))
                .satisfies(e -> assertThat(e.errorName()).isEqualTo("SYNTAX_ERROR"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("cannot recognize input near '<EOF>' '<EOF>' '<EOF>' in join source"));
        assertThat(explain("Error while compiling statement: FAILED: SemanticException [Error 10014]: Line 1:7 Wrong arguments"
                + " 'x': No matching method", "42000", 10014).errorName()).isEqualTo("SEMANTIC_ERROR");
        assertThat(explain("Error while processing statement: FAILED: Execution Error, return code 2 from"
                + " org.apache.hadoop.hive.ql.exec.mr.MapRedTask", "08S01", 2))
                .satisfies(e -> assertThat(e.errorName()).isEqualTo("QUERY_FAILED"))
                .satisfies(e -> assertThat(e.statementPosition()).isEmpty());
        assertThat(explain("Error while compiling statement: FAILED: Execution Error, return code 2 from"
                + " org.apache.hadoop.hive.ql.exec.mr.MapRedTask", "08S01", 2).errorName()).isEqualTo("QUERY_FAILED");
    }

    @Test
    void sparkThriftServerMessagesToo() {
        HiveServer2Error error = explain("Error running query: [TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found."
                + " SQLSTATE: 42P01; line 1 pos 14;", "42P01", 0);

        assertThat(error.errorName()).isEqualTo("TABLE_NOT_FOUND");
        assertThat(error.statementPosition()).contains(new SourcePosition(1, 15));
        assertThat(error.reason()).isEqualTo("[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found. SQLSTATE: 42P01");
    }

    @Test
    void connectionFailuresNameTheAddressAndReasonButNoPassword() {
        SQLException refused = new SQLException("Could not open client transport with JDBC Uri: jdbc:hive2://127.0.0.1:10000/default:"
                + " java.net.ConnectException: Connection refused", "08S01", new ConnectException("Connection refused"));

        MagicError error = HiveServer2Failures.connectFailure(refused, PROFILE, Optional.of("hunter2"));

        assertThat(error.errorName()).isEqualTo("CONNECTION_REFUSED");
        assertThat(error.getMessage()).isEqualTo("cannot connect to HiveServer2 at 127.0.0.1:10000 (profile 'local', user kindling):"
                + " connection refused; is the server running?");

        MagicError leaky = HiveServer2Failures.connectFailure(new SQLException("login as kindling/hunter2 failed"), PROFILE,
                Optional.of("hunter2"));
        assertThat(leaky.getMessage()).doesNotContain("hunter2").contains("kindling/****");
        assertThat(leaky.getCause()).isNull();
    }
}
