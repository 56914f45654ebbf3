package io.kindling.magics.hive.jdbc;

import io.kindling.magics.table.jdbc.ColumnKind;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveTypesTest {
    private final HiveTypes types = new HiveTypes();

    @Test
    void hiveTypeNamesMapToKinds() {
        assertThat(types.parse("tinyint").kind()).isEqualTo(ColumnKind.TINYINT);
        assertThat(types.parse("int").kind()).isEqualTo(ColumnKind.INTEGER);
        assertThat(types.parse("BIGINT").kind()).isEqualTo(ColumnKind.BIGINT);
        assertThat(types.parse("float").kind()).isEqualTo(ColumnKind.REAL);
        assertThat(types.parse("decimal(10,2)").kind()).isEqualTo(ColumnKind.DECIMAL);
        assertThat(types.parse("varchar(5)").kind()).isEqualTo(ColumnKind.TEXT);
        assertThat(types.parse("char").kind()).isEqualTo(ColumnKind.TEXT);
        assertThat(types.parse("timestamp").kind()).isEqualTo(ColumnKind.TIMESTAMP);
        assertThat(types.parse("timestamp with local time zone").kind()).isEqualTo(ColumnKind.TIMESTAMP_WITH_TIME_ZONE);
        assertThat(types.parse("array").kind()).isEqualTo(ColumnKind.TEXT);
        assertThat(types.parse("map<int,string>").kind()).isEqualTo(ColumnKind.TEXT);
        assertThat(types.parse("struct").kind()).isEqualTo(ColumnKind.TEXT);
        assertThat(types.parse("void").kind()).isEqualTo(ColumnKind.NULL);
        assertThat(types.parse("geometry").kind()).isEqualTo(ColumnKind.OTHER);
    }

    @Test
    void intervalsAndZonedTimestampsFromTheirText() throws SQLException {
        assertThat(HiveTypes.dayTime("1 02:03:04.500000000")).isEqualTo(Duration.parse("P1DT2H3M4.5S"));
        assertThat(HiveTypes.dayTime("-0 00:00:01")).isEqualTo(Duration.ofSeconds(-1));
        assertThat(HiveTypes.yearMonth("1-2")).isEqualTo(Period.of(1, 2, 0));
        assertThat(HiveTypes.yearMonth("-1-2")).isEqualTo(Period.of(-1, -2, 0));
        assertThat(HiveResultSets.zoned("2024-01-02 03:04:05.0 Etc/UTC"))
                .isEqualTo(ZonedDateTime.of(LocalDateTime.of(2024, 1, 2, 3, 4, 5), ZoneId.of("Etc/UTC")));
        assertThat(HiveResultSets.zoned("2024-01-02 03:04:05.123456789 America/New_York").getNano()).isEqualTo(123_456_789);
        assertThatThrownBy(() -> HiveTypes.dayTime("soon")).isInstanceOf(SQLException.class);
    }

    @Test
    void decimalsTakeTheFewestBytes() {
        assertThat(ParquetColumn.bytesFor(9)).isEqualTo(4);
        assertThat(ParquetColumn.bytesFor(18)).isEqualTo(8);
        assertThat(ParquetColumn.bytesFor(19)).isEqualTo(9);
        assertThat(ParquetColumn.bytesFor(38)).isEqualTo(16);
    }
}
