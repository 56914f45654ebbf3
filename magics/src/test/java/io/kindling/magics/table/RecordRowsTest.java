package io.kindling.magics.table;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordRowsTest {
    record Stop(String name, LocalDate day) {}

    record Trip(String region, double km, Integer riders, BigDecimal fare, Instant at, Stop first, List<String> tags,
                Map<String, Long> counts) {}

    record Unsupported(Object anything) {}

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("record-rows-test").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void schemaFollowsTheComponents() {
        var schema = RecordRows.schema(Trip.class);
        assertThat(schema.fieldNames()).containsExactly("region", "km", "riders", "fare", "at", "first", "tags", "counts");
        assertThat(schema.apply("km").dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(schema.apply("km").nullable()).isFalse();
        assertThat(schema.apply("riders").nullable()).isTrue();
        assertThat(schema.apply("first").dataType()).isEqualTo(RecordRows.schema(Stop.class));
        assertThat(schema.apply("tags").dataType()).isEqualTo(DataTypes.createArrayType(DataTypes.StringType, true));
    }

    @Test
    void recordsRoundTripThroughSparkWithNullsAndNesting() {
        Trip full = new Trip("north", 4.5, 2, new BigDecimal("12.500000000000000000"), Instant.parse("2026-01-02T03:04:05Z"),
                new Stop("Main St", LocalDate.of(2026, 1, 2)), List.of("airport", "night"), Map.of("bags", 3L));
        Trip sparse = new Trip("south", 1.0, null, null, null, null, List.of(), Map.of());
        Dataset<Row> frame = RecordRows.dataFrame(spark, List.of(full, sparse));
        assertThat(frame.count()).isEqualTo(2);
        assertThat(frame.selectExpr("sum(km)").first().getDouble(0)).isEqualTo(5.5);
        assertThat(RecordRows.toRecords(frame.orderBy("region").collectAsList(), Trip.class)).containsExactly(full, sparse);
    }

    @Test
    void unsupportedComponentsAndMissingColumnsAreNamed() {
        assertThatThrownBy(() -> RecordRows.schema(Unsupported.class))
                .hasMessageContaining("Unsupported.anything has type java.lang.Object, which has no Spark column type");
        Row row = RecordRows.dataFrame(spark, List.of(new Stop("A", LocalDate.EPOCH))).select("name").first();
        assertThatThrownBy(() -> RecordRows.fromRow(row, Stop.class)).hasMessageContaining("the row has no column 'day' for Stop");
    }
}
