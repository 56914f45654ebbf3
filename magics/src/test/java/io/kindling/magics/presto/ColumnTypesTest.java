package io.kindling.magics.presto;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of the result reader that need no server: type names, labels, time text, value sharing. */
class ColumnTypesTest {

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

    @Test
    void makesDuplicateLabelsUnique() {
        assertThat(ColumnLabels.unique(List.of("n", "n", "x", "n"))).containsExactly("n", "n_2", "x", "n_3");
        assertThat(ColumnLabels.unique(List.of("n", "n", "n_2"))).containsExactly("n", "n_3", "n_2");
        assertThat(ColumnLabels.unique(List.of("_col0", "", "_col0"))).containsExactly("_col0", "_col1", "_col0_2");
    }

    @Test
    void parsesTrinoDateText() {
        assertThat(ColumnTimeParser.parseDate("2024-01-02")).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(ColumnTimeParser.parseDate("-5000-01-01")).isEqualTo(LocalDate.of(-5000, 1, 1));
        assertThat(ColumnTimeParser.parseDate("12345-06-07")).isEqualTo(LocalDate.of(12345, 6, 7));
        assertThatThrownBy(() -> ColumnTimeParser.parseDate("2024/01/02")).isInstanceOf(DateTimeException.class);
    }

    @Test
    void parsesTrinoTimeTextRoundingBeyondNanoseconds() {
        assertThat(ColumnTimeParser.parseTime("12:34:56")).isEqualTo(LocalTime.of(12, 34, 56));
        assertThat(ColumnTimeParser.parseTime("12:34:56.789")).isEqualTo(LocalTime.of(12, 34, 56, 789_000_000));
        assertThat(ColumnTimeParser.parseTime("12:34:56.123456789012")).isEqualTo(LocalTime.of(12, 34, 56, 123_456_789));
        assertThat(ColumnTimeParser.parseTime("12:34:56.1234567895")).isEqualTo(LocalTime.of(12, 34, 56, 123_456_790));
        assertThat(ColumnTimeParser.parseTimeWithTimeZone("12:34:56.5+02:00"))
                .isEqualTo(OffsetTime.of(12, 34, 56, 500_000_000, ZoneOffset.ofHours(2)));
        assertThat(ColumnTimeParser.parseTimeWithTimeZone("01:02:03-05:30"))
                .isEqualTo(OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHoursMinutes(-5, -30)));
    }

    @Test
    void sharesRepeatedValuesUntilAColumnProvesTooVaried() {
        ColumnValueCache<String> cache = new ColumnValueCache<>(text -> text, 2, 8);
        String first = cache.valueOf(new String("AIR"));

        assertThat(cache.valueOf(new String("AIR"))).isSameAs(first);
        assertThat(cache.valueOf(new String("a very long text"))).isNotSameAs(cache.valueOf(new String("a very long text")));
        cache.valueOf("RAIL");
        cache.valueOf("SHIP");          // a third distinct text: the cache gives up
        assertThat(cache.active()).isFalse();
        assertThat(cache.valueOf(new String("AIR"))).isEqualTo("AIR");
    }
}
