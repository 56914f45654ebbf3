package io.kindling.magics.table;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spark Datasets are shown by their first rows only, never counted; small ones say their exact size. */
class TablePreviewSparkTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("table-preview");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aBigDatasetShowsItsFirstRowsAndSaysItWasNotCounted() {
        TablePreview preview = TablePreview.of(spark.range(1_000_000).selectExpr("id", "id * 2 AS twice"), 50).orElseThrow();

        assertThat(preview.rows().height()).isEqualTo(50);
        assertThat(preview.rows().get("twice", 49)).isEqualTo(98L);
        assertThat(preview.size()).isEqualTo("first 50 rows of a Spark Dataset (not counted) × 2 columns");
        assertThat(TableStats.of(spark.range(10).toDF()).rows()).isEmpty();
    }

    @Test
    void aSmallDatasetSaysItsExactSize() {
        TablePreview preview = TablePreview.of(spark.range(3).toDF(), 50).orElseThrow();

        assertThat(preview.size()).isEqualTo("3 rows × 1 column (Spark Dataset)");
    }
}
