package io.kindling.magics.presto;

import io.kindling.magics.table.jdbc.ColumnKind;
import io.kindling.magics.table.jdbc.ColumnType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Trino's type names, as trino-jdbc prints them, read into the reader's type trees. */
class ColumnTypeParserTest {

    @Test
    void parsesScalarTypeNamesAsTrinoJdbcPrintsThem() {
        assertThat(ColumnTypeParser.parse("bigint").kind()).isEqualTo(ColumnKind.BIGINT);
        assertThat(ColumnTypeParser.parse("decimal(12,2)").kind()).isEqualTo(ColumnKind.DECIMAL);
        assertThat(ColumnTypeParser.parse("varchar(25)").kind()).isEqualTo(ColumnKind.TEXT);
        assertThat(ColumnTypeParser.parse("char(3)").kind()).isEqualTo(ColumnKind.TEXT);
        assertThat(ColumnTypeParser.parse("timestamp(3) with time zone").kind()).isEqualTo(ColumnKind.TIMESTAMP_WITH_TIME_ZONE);
        assertThat(ColumnTypeParser.parse("time(0) with time zone").kind()).isEqualTo(ColumnKind.TIME_WITH_TIME_ZONE);
        assertThat(ColumnTypeParser.parse("timestamp(12)").kind()).isEqualTo(ColumnKind.TIMESTAMP);
        assertThat(ColumnTypeParser.parse("interval day to second").kind()).isEqualTo(ColumnKind.INTERVAL_DAY_TO_SECOND);
        assertThat(ColumnTypeParser.parse("HyperLogLog").kind()).isEqualTo(ColumnKind.BINARY);
        assertThat(ColumnTypeParser.parse("qdigest(bigint)").kind()).isEqualTo(ColumnKind.BINARY);
        assertThat(ColumnTypeParser.parse("unknown").kind()).isEqualTo(ColumnKind.NULL);
        assertThat(ColumnTypeParser.parse("color").kind()).isEqualTo(ColumnKind.OTHER);
    }

    @Test
    void parsesNestedTypesDownToTheirLeaves() {
        ColumnType type = ColumnTypeParser.parse("map(varchar(1),array(row(a integer,ts timestamp(6) with time zone)))");

        assertThat(type.kind()).isEqualTo(ColumnKind.MAP);
        assertThat(type.child(0).kind()).isEqualTo(ColumnKind.TEXT);
        ColumnType row = type.child(1).child(0);
        assertThat(row.kind()).isEqualTo(ColumnKind.ROW);
        assertThat(row.fieldNames()).containsExactly("a", "ts");
        assertThat(row.child(1).kind()).isEqualTo(ColumnKind.TIMESTAMP_WITH_TIME_ZONE);
        assertThat(type.javaType()).isEqualTo(Map.class);
    }

    @Test
    void tellsNamedRowsFromAnonymousOnes() {
        ColumnType named = ColumnTypeParser.parse("row(id bigint,name varchar)");
        ColumnType anonymous = ColumnTypeParser.parse("row(integer,varchar(1),interval day to second,time(6) with time zone)");
        ColumnType sameName = ColumnTypeParser.parse("row(date date,timestamp timestamp(3),r row(x double))");

        assertThat(named.javaType()).isEqualTo(Map.class);
        assertThat(named.child(0).kind()).isEqualTo(ColumnKind.BIGINT);
        assertThat(anonymous.javaType()).isEqualTo(List.class);
        assertThat(anonymous.children()).extracting(ColumnType::kind).containsExactly(ColumnKind.INTEGER, ColumnKind.TEXT,
                ColumnKind.INTERVAL_DAY_TO_SECOND, ColumnKind.TIME_WITH_TIME_ZONE);
        assertThat(sameName.fieldNames()).containsExactly("date", "timestamp", "r");
        assertThat(sameName.children()).extracting(ColumnType::kind).containsExactly(ColumnKind.DATE, ColumnKind.TIMESTAMP, ColumnKind.ROW);
    }

    @Test
    void fallsBackToTheOutermostTypeWhenFieldNamesMakeTheTextAmbiguous() {
        // The driver prints ROW("a,b) int" integer) unquoted.
        ColumnType type = ColumnTypeParser.parse("row(my field bigint,a,b) int integer,date timestamp(3) with time zone)");

        assertThat(type.kind()).isEqualTo(ColumnKind.ROW);
        assertThat(type.javaType()).isEqualTo(Object.class);
        assertThat(type.child(2)).isEqualTo(ColumnType.UNKNOWN);
    }
}
