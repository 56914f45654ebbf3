package io.kindling.magics.table.jdbc;

import io.kindling.magics.presto.LocalTrino;
import io.kindling.magics.presto.TrinoTypes;
import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.FloatSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Reads real Trino results (the local server from {@link LocalTrino}) through trino-jdbc: the reader
 * is generic, but a real driver's values (and Trino's, the richest types we reach) are what it must get right.
 */
class ResultReaderTest {
    private static final TrinoTypes TRINO = new TrinoTypes();
    /** One column per Trino type: label, SQL literal, the value it must read as, its Java type. */
    private record Case(String label, String sql, Object expected, Class<?> javaType) {
    }

    private static final List<Case> SCALARS = List.of(
            new Case("b", "BIGINT '9000000000'", 9_000_000_000L, Long.class),
            new Case("i", "INTEGER '2'", 2, Integer.class),
            new Case("s", "SMALLINT '3'", 3, Integer.class),
            new Case("t", "TINYINT '4'", 4, Integer.class),
            new Case("r", "REAL '1.5'", 1.5f, Float.class),
            new Case("d", "DOUBLE '2.5'", 2.5, Double.class),
            new Case("dec", "DECIMAL '12345678901234567890.123'", new BigDecimal("12345678901234567890.123"), BigDecimal.class),
            new Case("v", "'abc'", "abc", String.class),
            new Case("ch", "CAST('x' AS CHAR(3))", "x  ", String.class),
            new Case("bo", "true", true, Boolean.class),
            new Case("dt", "DATE '2024-01-02'", LocalDate.of(2024, 1, 2), LocalDate.class),
            new Case("tm", "TIME '12:34:56.789'", LocalTime.of(12, 34, 56, 789_000_000), LocalTime.class),
            new Case("ttz", "TIME '12:34:56.123456 +02:00'", OffsetTime.of(12, 34, 56, 123_456_000, ZoneOffset.ofHours(2)), OffsetTime.class),
            new Case("ts", "TIMESTAMP '2024-01-02 03:04:05.123456'", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), LocalDateTime.class),
            new Case("tstz", "TIMESTAMP '2024-01-02 03:04:05.678 Europe/Paris'",
                    ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000, ZoneId.of("Europe/Paris")), ZonedDateTime.class),
            new Case("vb", "X'0102ff'", new byte[]{1, 2, (byte) 0xff}, byte[].class),
            new Case("js", "JSON '{\"a\":1}'", "{\"a\":1}", String.class),
            new Case("u", "UUID '12151fd2-7586-11e9-8f9e-2a86e4085a59'", "12151fd2-7586-11e9-8f9e-2a86e4085a59", String.class),
            new Case("ip", "IPADDRESS '10.0.0.1'", "10.0.0.1", String.class),
            new Case("ids", "INTERVAL '3' DAY", Duration.ofDays(3), Duration.class),
            new Case("iym", "INTERVAL '14' MONTH", Period.of(1, 2, 0), Period.class),
            new Case("arr", "ARRAY[1, 2]", List.of(1, 2), List.class),
            new Case("mp", "MAP(ARRAY['a'], ARRAY[1])", Map.of("a", 1), Map.class),
            new Case("rw", "CAST(ROW(1, 'x') AS ROW(id BIGINT, name VARCHAR))", orderedMap("id", 1L, "name", "x"), Map.class),
            new Case("anon", "ROW(1, 'y')", List.of(1, "y"), List.class));

    private static Connection connection;

    @BeforeAll
    static void connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "kindling-test");
        connection = DriverManager.getConnection(LocalTrino.jdbcUrl(), properties);
    }

    @AfterAll
    static void disconnect() throws SQLException {
        connection.close();
    }

    @Test
    void readsEveryTypeAsPlainJava() throws SQLException {
        String sql = "SELECT " + SCALARS.stream().map(c -> c.sql() + " AS " + c.label()).collect(Collectors.joining(", "));

        ReadResult result = read(sql, new ResultReader(TRINO, 10));

        assertThat(result.rows()).isEqualTo(1);
        assertThat(result.truncated()).isFalse();
        DataFrame frame = result.dataFrame();
        for (Case c : SCALARS) {
            assertThat(frame.getColumn(c.label()).get(0)).as(c.label()).isEqualTo(c.expected());
            assertThat(result.columnTypes().get(c.label())).as(c.label()).isEqualTo(c.javaType());
            assertThat(c.javaType()).as(c.label()).isAssignableFrom(frame.getColumn(c.label()).get(0).getClass());
        }
        // no NULLs: numbers and booleans stay primitive
        assertThat(frame.getColumn("b")).isInstanceOf(LongSeries.class);
        assertThat(frame.getColumn("i")).isInstanceOf(IntSeries.class);
        assertThat(frame.getColumn("s")).isInstanceOf(IntSeries.class);
        assertThat(frame.getColumn("t")).isInstanceOf(IntSeries.class);
        assertThat(frame.getColumn("r")).isInstanceOf(FloatSeries.class);
        assertThat(frame.getColumn("d")).isInstanceOf(DoubleSeries.class);
        assertThat(frame.getColumn("bo")).isInstanceOf(BooleanSeries.class);
        assertThat(result.columns().get(0)).isEqualTo(new ColumnSchema("b", "bigint", Long.class));
        assertThat(result.columns()).extracting(ColumnSchema::sqlType)
                .contains("decimal(23,3)", "timestamp(3) with time zone", "row(id bigint,name varchar)");
    }

    @Test
    void keepsNullsInEveryType() throws SQLException {
        String values = SCALARS.stream().map(Case::sql).collect(Collectors.joining(", "));
        String nulls = SCALARS.stream().map(c -> "NULL").collect(Collectors.joining(", "));
        String labels = SCALARS.stream().map(Case::label).collect(Collectors.joining(", "));
        String sql = "SELECT * FROM (VALUES (" + values + "), (" + nulls + ")) AS t(" + labels + ")";

        ReadResult result = read(sql, new ResultReader(TRINO, 10));

        assertThat(result.rows()).isEqualTo(2);
        DataFrame frame = result.dataFrame();
        for (Case c : SCALARS) {
            Series<?> column = frame.getColumn(c.label());
            assertThat(column.get(0)).as(c.label()).isEqualTo(c.expected());
            assertThat(column.get(1)).as(c.label()).isNull();
            assertThat(result.columnTypes().get(c.label())).as(c.label()).isEqualTo(c.javaType());
        }
        // with a NULL, numbers become boxed series that hold it
        assertThat(frame.getColumn("b")).isNotInstanceOf(LongSeries.class);
        assertThat(frame.getColumn("b").get(0)).isInstanceOf(Long.class);
        assertThat(frame.getColumn("s").get(0)).isInstanceOf(Integer.class);
        assertThat(frame.getColumn("bo")).isNotInstanceOf(BooleanSeries.class);
    }

    @Test
    void convertsNestedValuesRecursivelyWithoutDriverClasses() throws SQLException {
        ReadResult result = read("SELECT "
                + "ARRAY[1, NULL, 3] AS a, "
                + "ARRAY[CAST(ROW(7, DATE '2024-01-02', ARRAY['x', NULL]) AS ROW(id INTEGER, d DATE, tags ARRAY(VARCHAR)))] AS aor, "
                + "MAP(ARRAY['k1', 'k2'], ARRAY[ARRAY[1, 2], NULL]) AS moa, "
                + "MAP(ARRAY[1], ARRAY[CAST(ROW(NULL, INTERVAL '2' SECOND) AS ROW(x VARCHAR, y INTERVAL DAY TO SECOND))]) AS mor, "
                + "CAST(ROW(1, 2) AS ROW(a INTEGER, a INTEGER)) AS dup, "
                + "ROW(ROW(1, X'01'), ARRAY[DECIMAL '1.5']) AS deep, "
                + "ARRAY[TIMESTAMP '2024-01-02 03:04:05.123456', NULL] AS ats, "
                + "ARRAY[TIMESTAMP '2024-01-02 03:04:05.678 Europe/Paris'] AS atz, "
                + "ARRAY[TIME '01:02:03.456'] AS atm, "
                + "CAST(NULL AS ARRAY(INTEGER)) AS na, "
                + "CAST(ARRAY[] AS ARRAY(INTEGER)) AS ea", new ResultReader(TRINO, 10));

        DataFrame frame = result.dataFrame();
        assertThat(frame.getColumn("a").get(0)).isEqualTo(Arrays.asList(1, null, 3));
        assertThat(frame.getColumn("aor").get(0)).isEqualTo(List.of(
                orderedMap("id", 7, "d", LocalDate.of(2024, 1, 2), "tags", Arrays.asList("x", null))));
        Map<String, Object> moa = new LinkedHashMap<>();
        moa.put("k1", List.of(1, 2));
        moa.put("k2", null);
        assertThat(frame.getColumn("moa").get(0)).isEqualTo(moa);
        assertThat(frame.getColumn("mor").get(0)).isEqualTo(Map.of(1, orderedMap("x", null, "y", Duration.ofSeconds(2))));
        assertThat(frame.getColumn("dup").get(0)).isEqualTo(orderedMap("a", 1, "a_2", 2));
        Object deep = frame.getColumn("deep").get(0);
        assertThat(deep).isInstanceOf(List.class);
        assertThat((List<?>) deep).hasSize(2);
        assertThat(((List<?>) ((List<?>) deep).get(0)).get(1)).isEqualTo(new byte[]{1});
        assertThat(((List<?>) deep).get(1)).isEqualTo(List.of(new BigDecimal("1.5")));
        assertThat(frame.getColumn("ats").get(0)).isEqualTo(Arrays.asList(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), null));
        // nested, the driver keeps only the instant of a TIMESTAMP WITH TIME ZONE
        assertThat(frame.getColumn("atz").get(0)).isEqualTo(List.of(ZonedDateTime.of(2024, 1, 2, 2, 4, 5, 678_000_000, ZoneOffset.UTC)));
        assertThat(frame.getColumn("atm").get(0)).isEqualTo(List.of(LocalTime.of(1, 2, 3, 456_000_000)));
        assertThat(frame.getColumn("na").get(0)).isNull();
        assertThat(frame.getColumn("ea").get(0)).isEqualTo(List.of());
        for (String label : frame.getColumnsIndex()) {
            assertPlainJava(label, frame.getColumn(label).get(0));
        }
        assertThat(result.columnTypes()).contains(entry("aor", List.class), entry("moa", Map.class),
                entry("dup", Map.class), entry("deep", List.class));
    }

    @Test
    void readsTemporalEdgeCasesExactly() throws SQLException {
        ReadResult result = read("SELECT DATE '-5000-01-01' AS bc, DATE '1500-03-01' AS julian, "
                + "TIMESTAMP '2024-01-02 23:59:59.9999999999' AS ts10, TIMESTAMP '-0001-06-01 00:00:00' AS bcts, "
                + "TIME '12:34:56.123456789012' AS tm12, TIMESTAMP '2024-01-02 03:04:05.123456789012 +02:00' AS tz12", new ResultReader(TRINO, 10));

        DataFrame frame = result.dataFrame();
        assertThat(frame.getColumn("bc").get(0)).isEqualTo(LocalDate.of(-5000, 1, 1));
        assertThat(frame.getColumn("julian").get(0)).isEqualTo(LocalDate.of(1500, 3, 1));
        assertThat(frame.getColumn("ts10").get(0)).isEqualTo(LocalDateTime.of(2024, 1, 3, 0, 0));
        assertThat(frame.getColumn("bcts").get(0)).isEqualTo(LocalDateTime.of(-1, 6, 1, 0, 0));
        assertThat(frame.getColumn("tm12").get(0)).isEqualTo(LocalTime.of(12, 34, 56, 123_456_789));
        assertThat(frame.getColumn("tz12").get(0))
                .isEqualTo(ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789, ZoneOffset.ofHours(2)));
    }

    @Test
    void makesDuplicateLabelsUnique() throws SQLException {
        ReadResult result = read("SELECT n.name, r.name, count(*) AS c, count(*) AS c, 1 AS c_2 "
                + "FROM tpch.tiny.nation n JOIN tpch.tiny.region r ON n.regionkey = r.regionkey "
                + "GROUP BY n.name, r.name ORDER BY n.name LIMIT 2", new ResultReader(TRINO, 10));

        assertThat(result.dataFrame().getColumnsIndex().toArray()).containsExactly("name", "name_2", "c", "c_3", "c_2");
        assertThat(result.dataFrame().getColumn("name_2").get(0)).isEqualTo("AFRICA");
        assertThat(result.columns()).extracting(ColumnSchema::label).containsExactly("name", "name_2", "c", "c_3", "c_2");
    }

    @Test
    void stopsAtTheRowCapWithoutDrainingTheResult() throws SQLException {
        List<Long> progress = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM tpch.tiny.lineitem")) {
            ReadResult result = new ResultReader(TRINO, 1000, 400).read(rows, progress::add);

            assertThat(result.rows()).isEqualTo(1000);
            assertThat(result.truncated()).isTrue();
            assertThat(result.dataFrame().height()).isEqualTo(1000);
            assertThat(progress).containsExactly(400L, 800L, 1000L);
            assertThat(rows.next()).as("rows are left in the result set").isTrue();
            statement.cancel();
        }
    }

    @Test
    void readsEveryRowWhenTheCapIsNotExceeded() throws SQLException {
        List<Long> progress = new ArrayList<>();
        ReadResult exact;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM tpch.tiny.lineitem")) {
            exact = new ResultReader(TRINO, 60_175).read(rows, progress::add);
        }

        assertThat(exact.rows()).isEqualTo(60_175);
        assertThat(exact.truncated()).isFalse();
        assertThat(progress).containsExactly(10_000L, 20_000L, 30_000L, 40_000L, 50_000L, 60_000L, 60_175L);
        assertThat(exact.dataFrame().getColumn("orderkey")).isInstanceOf(LongSeries.class);
        assertThat(exact.dataFrame().getColumn("shipdate").get(0)).isInstanceOf(LocalDate.class);
    }

    @Test
    void readsAnEmptyResultWithItsColumns() throws SQLException {
        ReadResult result = read("SELECT * FROM tpch.tiny.nation WHERE nationkey < 0", new ResultReader(TRINO, 10));

        assertThat(result.rows()).isZero();
        assertThat(result.truncated()).isFalse();
        assertThat(result.dataFrame().getColumnsIndex().toArray()).containsExactly("nationkey", "name", "regionkey", "comment");
        assertThat(result.columnTypes().values()).containsExactly(Long.class, String.class, Long.class, String.class);
    }

    @Test
    void readsAHundredThousandLineitemRowsWithTheirTypes() throws SQLException {
        ReadResult result = read("SELECT * FROM tpch.sf1.lineitem LIMIT 100000", new ResultReader(TRINO, 1_000_000));

        assertThat(result.rows()).isEqualTo(100_000);
        assertThat(result.truncated()).isFalse();
        Map<String, Class<?>> types = result.columnTypes();
        assertThat(types).contains(entry("orderkey", Long.class), entry("linenumber", Integer.class),
                entry("quantity", Double.class), entry("shipdate", LocalDate.class), entry("comment", String.class));
        DataFrame frame = result.dataFrame();
        assertThat(frame.getColumn("orderkey")).isInstanceOf(LongSeries.class);
        assertThat(frame.getColumn("linenumber")).isInstanceOf(IntSeries.class);
        assertThat(frame.getColumn("quantity")).isInstanceOf(DoubleSeries.class);
        assertThat(frame.getColumn("shipdate").get(99_999)).isInstanceOf(LocalDate.class);
        assertThat(frame.getColumn("comment").get(99_999)).isInstanceOf(String.class);
        // repeated short texts share one String per distinct value
        assertThat(frame.getColumn("shipmode").unique().size()).isLessThanOrEqualTo(7);
        assertThat(frame.getColumn("shipmode").get(0)).isSameAs(firstEqual(frame.getColumn("shipmode"), 0));
    }

    private static ReadResult read(String sql, ResultReader reader) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return reader.read(rows, ResultReader.RowProgress.NONE);
        }
    }

    /** The last element equal to element {@code index}, to check that equal texts are one object. */
    private static Object firstEqual(Series<?> column, int index) {
        Object value = column.get(index);
        for (int i = column.size() - 1; i > index; i--) {
            if (value.equals(column.get(i))) {
                return column.get(i);
            }
        }
        return value;
    }

    private static void assertPlainJava(String path, Object value) {
        if (value == null) {
            return;
        }
        assertThat(value.getClass().getName()).as(path).doesNotStartWith("io.trino").doesNotStartWith("java.sql");
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertPlainJava(path + "[" + i + "]", list.get(i));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> {
                assertPlainJava(path + ".key", key);
                assertPlainJava(path + "." + key, element);
            });
        }
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
