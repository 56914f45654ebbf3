package io.kindling.magics.table;

import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetTableTest {
    private static SparkSession spark;

    @TempDir
    static Path work;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("parquet-table-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void describesADirectoryWrittenBySpark() throws IOException {
        Path dir = work.resolve("rides");
        spark.range(100).selectExpr("id", "CAST(id * 1.25 AS DECIMAL(10,2)) AS fare", "concat('r', id % 3) AS region")
                .repartition(3).write().parquet(dir.toString());
        // Not data: Spark's marker is there already; a hidden file and an underscore directory join it.
        assertThat(dir.resolve("_SUCCESS")).exists();
        Files.writeString(dir.resolve(".notes"), "not parquet");
        Files.createDirectories(dir.resolve("_temporary/0"));
        Files.writeString(dir.resolve("_temporary/0/part-x.parquet"), "half-written");
        List<Path> parts = dataFiles(dir);

        ParquetTable table = ParquetTable.describe(dir.toUri(), 5, () -> spark);

        assertThat(table.location()).isEqualTo(dir.toUri());
        assertThat(table.rows()).isEqualTo(100);
        assertThat(table.files()).isEqualTo(parts.size()).isEqualTo(3);
        assertThat(table.bytes()).isPositive().isEqualTo(parts.stream().mapToLong(ParquetTableTest::size).sum());
        assertThat(table.schema().fieldNames()).containsExactly("id", "fare", "region");
        assertThat(table.schema().apply("fare").dataType()).isEqualTo(DataTypes.createDecimalType(10, 2));
        assertThat(table.schemaText()).isEqualTo("id BIGINT,fare DECIMAL(10,2),region STRING");
        assertThat(table.preview().height()).isEqualTo(5);
        assertThat(table.preview().getColumnsIndex().toArray()).containsExactly("id", "fare", "region");
        assertThat(table.preview().getColumn("fare").get(0)).isInstanceOf(BigDecimal.class);
        assertThat(table.toString()).isEqualTo("ParquetTable " + dir.toUri() + ": 100 rows, 3 files, "
                + String.format(java.util.Locale.ROOT, "%.1f KiB", table.bytes() / 1024.0) + " (" + table.schemaText() + ")");

        DataFrame sample = table.toDataFrame(10);
        assertThat(sample.height()).isEqualTo(10);
        assertThat(table.collect(10).truncated()).isTrue();
        CollectedTable all = table.collect(1_000);
        assertThat(all.truncated()).isFalse();
        assertThat(all.dataFrame().height()).isEqualTo(100);
        var totals = table.dataset(spark).selectExpr("sum(id)", "count(DISTINCT region)").first();
        assertThat(totals.getLong(0)).isEqualTo(4950);
        assertThat(totals.getLong(1)).isEqualTo(3);
    }

    @Test
    void partitionedDirectoriesCountEveryFileAndKeepThePartitionColumn() {
        Path dir = work.resolve("partitioned");
        spark.range(40).selectExpr("id", "id % 4 AS bucket").repartition(1).write().partitionBy("bucket").parquet(dir.toString());

        ParquetTable table = ParquetTable.describe(dir.toUri(), 3, () -> spark);

        assertThat(table.rows()).isEqualTo(40);
        assertThat(table.files()).isEqualTo(4).isEqualTo(dataFiles(dir).size());
        assertThat(table.schema().fieldNames()).containsExactly("id", "bucket");
        assertThat(table.preview().height()).isEqualTo(3);
    }

    @Test
    void aLocationWithoutDataFilesIsNamed() throws IOException {
        Path empty = Files.createDirectories(work.resolve("empty"));
        Files.writeString(empty.resolve("_SUCCESS"), "");
        assertThatThrownBy(() -> ParquetTable.describe(empty.toUri(), 5, () -> spark))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("NO_TABLE_FILES"))
                .hasMessageContaining("holds no Parquet data files");
        Path notParquet = Files.createDirectories(work.resolve("text"));
        Files.writeString(notParquet.resolve("part-0.parquet"), "just text");
        assertThatThrownBy(() -> ParquetTable.describe(notParquet.toUri(), 5, () -> spark))
                .hasMessageContaining("part-0.parquet is not a readable Parquet file");
    }

    /** Data files as the file system has them, independently of the code under test: part files only. */
    private static List<Path> dataFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-") && p.toString().endsWith(".parquet")
                    && !p.toString().contains("_temporary")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
