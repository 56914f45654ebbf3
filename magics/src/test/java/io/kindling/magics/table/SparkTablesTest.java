package io.kindling.magics.table;

import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.FloatSeries;
import org.dflib.Index;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkTablesTest {
    record Stop(String name, LocalDate day, long visits) {}

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("spark-tables-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** Every column type, NULLs in each column that can hold one; primitive series where DFLib has them. */
    private static DataFrame everyType() {
        Map<String, Series<?>> columns = new LinkedHashMap<>();
        columns.put("tiny", Series.of((byte) 1, null, (byte) -128));
        columns.put("small", Series.of((short) 300, (short) -2, null));
        columns.put("int", Series.ofInt(1, -2, Integer.MAX_VALUE));
        columns.put("int_nulls", Series.of(null, 7, -9));
        columns.put("long", Series.ofLong(Long.MIN_VALUE, 0, 42));
        columns.put("long_nulls", Series.of(5_000_000_000L, null, -1L));
        columns.put("float", Series.ofFloat(1.5f, -0.25f, 3e8f));
        columns.put("float_nulls", Series.of(null, 2.5f, -1f));
        columns.put("double", Series.ofDouble(0.1, -2.5e-300, Double.MAX_VALUE));
        columns.put("double_nulls", Series.of(1.25, null, Double.NaN));
        columns.put("bool", Series.ofBool(true, false, true));
        columns.put("bool_nulls", Series.of(null, true, false));
        columns.put("decimal", Series.of(new BigDecimal("12345678901234567890.125"), null, new BigDecimal("-0.500")));
        columns.put("text", Series.of("north", "", null));
        columns.put("day", Series.of(LocalDate.of(2026, 1, 2), null, LocalDate.of(1970, 1, 1)));
        columns.put("at", Series.of(Instant.parse("2026-01-02T03:04:05.123456Z"), Instant.EPOCH, null));
        columns.put("local_at", Series.of(null, LocalDateTime.of(2026, 3, 29, 2, 30, 0, 1_000), LocalDateTime.of(1999, 12, 31, 23, 59)));
        columns.put("bytes", Series.of(new byte[]{1, 2, 3}, null, new byte[0]));
        columns.put("list", Series.of(List.of(1L, 2L), Arrays.asList(3L, null), null));
        columns.put("empty_lists", Series.of(List.of(), null, List.of()));
        columns.put("map", Series.of(orderedMap("a", 1, "b", null), null, Map.of()));
        columns.put("struct", Series.of(
                Struct.of(List.of("name", "tags", "at"), List.of("Main St", List.of("x"), LocalDate.of(2026, 1, 2))),
                Struct.of(List.of("name", "tags", "at"), Arrays.asList(null, List.of(), null)),
                null));
        columns.put("list_of_structs", Series.of(List.of(Struct.of(Map.of("km", 1.5))), null, List.of()));
        columns.put("nothing", Series.of(null, null, null));
        return DataFrame.byColumn(Index.of(columns.keySet().toArray(String[]::new))).of(columns.values().toArray(Series[]::new));
    }

    private static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    @Test
    void everyColumnTypeRoundTripsWithItsTypeAndNulls() {
        DataFrame original = everyType();
        Dataset<Row> distributed = SparkTables.toSpark(spark, original);
        StructType schema = distributed.schema();
        assertThat(schema.apply("tiny").dataType()).isEqualTo(DataTypes.ByteType);
        assertThat(schema.apply("small").dataType()).isEqualTo(DataTypes.ShortType);
        assertThat(schema.apply("int").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(schema.apply("int").nullable()).isFalse();
        assertThat(schema.apply("int_nulls").nullable()).isTrue();
        assertThat(schema.apply("long_nulls").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(schema.apply("float_nulls").dataType()).isEqualTo(DataTypes.FloatType);
        assertThat(schema.apply("bool_nulls").dataType()).isEqualTo(DataTypes.BooleanType);
        assertThat(schema.apply("decimal").dataType()).isEqualTo(DataTypes.createDecimalType(23, 3));
        assertThat(schema.apply("day").dataType()).isEqualTo(DataTypes.DateType);
        assertThat(schema.apply("at").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(schema.apply("local_at").dataType()).isEqualTo(DataTypes.TimestampNTZType);
        assertThat(schema.apply("bytes").dataType()).isEqualTo(DataTypes.BinaryType);
        assertThat(schema.apply("list").dataType()).isEqualTo(DataTypes.createArrayType(DataTypes.LongType, true));
        assertThat(schema.apply("empty_lists").dataType()).isEqualTo(DataTypes.createArrayType(DataTypes.StringType, true));
        assertThat(schema.apply("map").dataType())
                .isEqualTo(DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, true));
        assertThat(schema.apply("struct").dataType()).isEqualTo(DataType.fromDDL(
                "struct<name:string,tags:array<string>,at:date>"));
        assertThat(schema.apply("list_of_structs").dataType()).isEqualTo(DataType.fromDDL("array<struct<km:double>>"));
        assertThat(schema.apply("nothing").dataType()).isEqualTo(DataTypes.StringType);
        // Spark really holds the values, typed: computed on its side, not just carried.
        Row sums = distributed.selectExpr("sum(long_nulls)", "max(day)", "sum(decimal)", "count_if(array_contains(struct.tags, 'x'))").first();
        assertThat(sums.getLong(0)).isEqualTo(4_999_999_999L);
        assertThat(sums.get(1)).isIn(java.sql.Date.valueOf("2026-01-02"), LocalDate.of(2026, 1, 2));
        assertThat(sums.get(2)).isEqualTo(new BigDecimal("12345678901234567889.625"));
        assertThat(sums.getLong(3)).isEqualTo(1);

        CollectedTable back = SparkTables.toLocal(distributed, 10);

        assertThat(back.truncated()).isFalse();
        assertSameTable(back.dataFrame(), original);
        assertThat(back.dataFrame().getColumn("int")).isInstanceOf(IntSeries.class);
        assertThat(back.dataFrame().getColumn("long")).isInstanceOf(LongSeries.class);
        assertThat(back.dataFrame().getColumn("float")).isInstanceOf(FloatSeries.class);
        assertThat(back.dataFrame().getColumn("double")).isInstanceOf(DoubleSeries.class);
        assertThat(back.dataFrame().getColumn("bool")).isInstanceOf(BooleanSeries.class);
        assertThat(back.dataFrame().getColumn("long_nulls")).isNotInstanceOf(LongSeries.class);
        assertThat(back.dataFrame().getColumn("struct").get(0)).isInstanceOf(Struct.class);
        assertThat(((List<?>) back.dataFrame().getColumn("list_of_structs").get(0)).get(0)).isInstanceOf(Struct.class);
    }

    /** Same column names, and in each column the same values of the same classes (arrays by content). */
    private static void assertSameTable(DataFrame actual, DataFrame expected) {
        assertThat(actual.getColumnsIndex().toArray()).containsExactly(expected.getColumnsIndex().toArray());
        assertThat(actual.height()).isEqualTo(expected.height());
        for (String column : expected.getColumnsIndex()) {
            List<Object> want = values(expected.getColumn(column));
            List<Object> got = values(actual.getColumn(column));
            assertThat(got).as(column).containsExactlyElementsOf(want);
            assertThat(got.stream().map(SparkTablesTest::classOf).toList()).as(column + " value classes")
                    .isEqualTo(want.stream().map(SparkTablesTest::classOf).toList());
        }
    }

    private static List<Object> values(Series<?> series) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            values.add(series.get(i));
        }
        return values;
    }

    /** A value's class, with Java collections by kind (List.of and ArrayList are the same table value). */
    private static String classOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Struct) {
            return "Struct";
        }
        if (value instanceof List<?>) {
            return "List";
        }
        if (value instanceof Map<?, ?>) {
            return "Map";
        }
        return value.getClass().getName();
    }

    @Test
    void typesAreInferredFromValuesWhenTheSeriesDoesNotSay() {
        DataFrame frame = DataFrame.byColumn("longs", "decimals", "nested", "records", "typed_nulls").of(
                Series.of(1L, null, 3L),
                Series.of(new BigDecimal("1.5"), new BigDecimal("123.25"), new BigDecimal("-7")),
                Series.of(List.of(List.of()), List.of(List.of(new BigDecimal("0.001"))), null),
                Series.of(new Stop("A", LocalDate.EPOCH, 3), null, new Stop("B", null, 0)),
                new org.dflib.series.ArraySeries<>(new String[]{null, null, null}));
        StructType schema = SparkTables.schema(frame);
        assertThat(schema.apply("longs").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(schema.apply("decimals").dataType()).isEqualTo(DataTypes.createDecimalType(5, 2));
        assertThat(schema.apply("nested").dataType()).isEqualTo(DataType.fromDDL("array<array<decimal(3,3)>>"));
        assertThat(schema.apply("records").dataType()).isEqualTo(RecordRows.schema(Stop.class));
        assertThat(schema.apply("typed_nulls").dataType()).isEqualTo(DataTypes.StringType);

        // Past 38 digits the scale gives way, never the integer digits.
        DataFrame wide = DataFrame.byColumn("d").of(Series.of(new BigDecimal("1".repeat(30) + ".25"), new BigDecimal("0." + "1".repeat(20))));
        assertThat(SparkTables.schema(wide).apply("d").dataType()).isEqualTo(DataTypes.createDecimalType(38, 8));
        DataFrame huge = DataFrame.byColumn("d").of(Series.of(new BigDecimal("9".repeat(39))));
        assertThatThrownBy(() -> SparkTables.schema(huge)).hasMessageContaining("column 'd' has a value with 39 integer digits");

        DataFrame back = SparkTables.toLocal(SparkTables.toSpark(spark, frame), 10).dataFrame();
        // Decimals come back at the column's scale: equal in value, not in BigDecimal.equals.
        assertThat(back.getColumn("decimals").get(0)).isEqualTo(new BigDecimal("1.50"));
        assertThat(back.getColumn("records").get(0))
                .isEqualTo(Struct.of(List.of("name", "day", "visits"), List.of("A", LocalDate.EPOCH, 3L)))
                .isInstanceOf(Struct.class);
        assertThat(back.getColumn("records").get(1)).isNull();
        assertThat(((Struct) back.getColumn("records").get(2)).get("day")).isNull();
    }

    @Test
    void aColumnMixingTypesFailsNamingTheColumnAndBothTypes() {
        DataFrame mixed = DataFrame.byColumn("ok", "mixed").of(Series.of(1, 2), Series.of("a", 2L));
        assertThatThrownBy(() -> SparkTables.toSpark(spark, mixed))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("UNSUPPORTED_TYPE"))
                .hasMessageContaining("column 'mixed' mixes java.lang.String and java.lang.Long values");
        DataFrame nested = DataFrame.byColumn("lists").of(Series.of(List.of(1), List.of("x")));
        assertThatThrownBy(() -> SparkTables.schema(nested))
                .isInstanceOf(MagicError.class)
                .hasMessageContaining("column 'lists' mixes java.util")
                .hasMessageContaining("array<int> vs array<string>");
        DataFrame unknown = DataFrame.byColumn("ids").of(Series.of(java.util.UUID.randomUUID()));
        assertThatThrownBy(() -> SparkTables.schema(unknown))
                .hasMessageContaining("column 'ids' holds java.util.UUID values, which have no Spark type");
    }

    @Test
    void toLocalStopsAtTheLimitAndSaysSo() {
        Dataset<Row> ten = spark.range(10).toDF("id");
        CollectedTable three = SparkTables.toLocal(ten, 3);
        assertThat(three.truncated()).isTrue();
        assertThat(three.dataFrame().height()).isEqualTo(3);
        assertThat(three.dataFrame().getColumn("id")).isInstanceOf(LongSeries.class);
        assertThat(values(three.dataFrame().getColumn("id"))).containsExactly(0L, 1L, 2L);
        CollectedTable all = SparkTables.toLocal(ten, 10);
        assertThat(all.truncated()).isFalse();
        assertThat(all.dataFrame().height()).isEqualTo(10);
        assertThat(SparkTables.toLocal(ten, 0).dataFrame().height()).isZero();
        assertThatThrownBy(() -> SparkTables.toLocal(ten, -1)).isInstanceOf(IllegalArgumentException.class);
        DataFrame joined = SparkTables.toLocal(spark.sql("SELECT 1 AS id, 'a' AS id"), 1).dataFrame();
        assertThat(joined.getColumnsIndex().toArray()).containsExactly("id", "id_");
    }

    @Test
    void sparkValuesComeBackAsJavaTypesWhateverTheJava8ApiSetting() {
        String key = "spark.sql.datetime.java8API.enabled";
        for (String setting : List.of("false", "true")) {
            spark.conf().set(key, setting);
            try {
                DataFrame frame = SparkTables.toLocal(spark.sql("SELECT DATE'2026-01-02' AS d, TIMESTAMP'2026-01-02 03:04:05Z' AS t,"
                        + " array(DATE'2026-01-03') AS ds, map('k', named_struct('t', TIMESTAMP'1970-01-01 00:00:00Z')) AS m"), 5).dataFrame();
                assertThat(frame.getColumn("d").get(0)).as(setting).isEqualTo(LocalDate.of(2026, 1, 2));
                assertThat(frame.getColumn("t").get(0)).as(setting).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
                assertThat(frame.getColumn("ds").get(0)).as(setting).isEqualTo(List.of(LocalDate.of(2026, 1, 3)));
                assertThat(frame.getColumn("m").get(0)).as(setting).isInstanceOf(LinkedHashMap.class)
                        .isEqualTo(Map.of("k", Struct.of(Map.of("t", Instant.EPOCH))));
            } finally {
                spark.conf().unset(key);
            }
        }
    }

    @Test
    void structsAreOrderedImmutableMaps() {
        Struct stop = Struct.of(List.of("b", "a"), Arrays.asList(1, null));
        assertThat(stop.names()).containsExactly("b", "a");
        assertThat(stop.keySet()).containsExactly("b", "a");
        assertThat(stop.get("b")).isEqualTo(1);
        assertThat(stop.containsKey("a")).isTrue();
        assertThat(stop.get(1)).isNull();
        assertThat(stop).isEqualTo(orderedMap("b", 1, "a", null)).hasSameHashCodeAs(orderedMap("b", 1, "a", null));
        assertThatThrownBy(() -> stop.put("c", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Struct.of(List.of("x", "x"), List.of(1, 2))).hasMessageContaining("'x' appears twice");
    }
}
