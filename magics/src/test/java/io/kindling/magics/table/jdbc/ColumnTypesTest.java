package io.kindling.magics.table.jdbc;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of the result reader that need no server: labels, time text, value sharing. */
class ColumnTypesTest {

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
