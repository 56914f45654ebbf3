import io.kindling.magics.table.CollectedTable;
import io.kindling.magics.table.SparkTables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A DFLib table of N rows x 8 columns (long, int, double, decimal, string, date, timestamp, boolean)
 * to Spark and back through SparkTables, beside Spark's own path for the same values:
 * createDataFrame(List<Row>, schema) then collectAsList(). Both run in this JVM, alternating, after a
 * warm-up of each; before each run the heap is collected and the pools' peaks reset, so "peak" is the
 * heap pools' peak above what was live before (the input, already built, is not counted). Prints one JSON object per
 * run. Run through bench/run. Args: rows, repetitions.
 */
public class TableRoundTripBench {
    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    public static void main(String[] args) {
        int rows = Integer.parseInt(args[0]);
        int repeat = Integer.parseInt(args[1]);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("table-bench").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        // Not measured: code generation and class loading of each path.
        ours(spark, table(10_000));
        spark(spark, sparkRows(10_000));
        for (int i = 0; i < repeat; i++) {
            measure("ours", rows, table(rows), input -> ours(spark, input));
            measure("spark", rows, sparkRows(rows), input -> spark(spark, input));
        }
        spark.stop();
        System.exit(0);
    }

    private static int ours(SparkSession spark, DataFrame table) {
        CollectedTable back = SparkTables.toLocal(SparkTables.toSpark(spark, table), Integer.MAX_VALUE - 8);
        return back.dataFrame().height();
    }

    private static int spark(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, SCHEMA).collectAsList().size();
    }

    /** Times one round trip of {@code input}, which is already built (and counted in the heap before). */
    private static <T> void measure(String mode, int rows, T input, java.util.function.ToIntFunction<T> roundTrip) {
        System.gc();
        long before = used();
        HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
        long began = System.nanoTime();
        int height = roundTrip.applyAsInt(input);
        double seconds = (System.nanoTime() - began) / 1e9;
        long peak = HEAP.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - before;
        if (height != rows) {
            throw new IllegalStateException(mode + " gave " + height + " rows of " + rows);
        }
        System.out.printf("{\"row\":\"tables\",\"mode\":\"%s\",\"rows\":%d,\"seconds\":%.3f,\"peak_mib\":%.1f}%n",
                mode, rows, seconds, peak / 1048576.0);
    }

    private static long used() {
        return HEAP.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false).add("qty", DataTypes.IntegerType, false)
            .add("price", DataTypes.DoubleType, false).add("fare", DataTypes.createDecimalType(9, 2))
            .add("region", DataTypes.StringType).add("day", DataTypes.DateType)
            .add("at", DataTypes.TimestampType).add("paid", DataTypes.BooleanType, false);

    private static final String[] REGIONS = {"north", "south", "east", "west", "central"};

    private static DataFrame table(int rows) {
        long[] ids = new long[rows];
        int[] qty = new int[rows];
        double[] price = new double[rows];
        Object[] fare = new Object[rows];
        Object[] region = new Object[rows];
        Object[] day = new Object[rows];
        Object[] at = new Object[rows];
        boolean[] paid = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = i;
            qty[i] = i % 50;
            price[i] = i * 0.5;
            fare[i] = fare(i);
            region[i] = REGIONS[i % REGIONS.length];
            day[i] = LocalDate.ofEpochDay(19_000 + i % 1000);
            at[i] = Instant.ofEpochSecond(1_700_000_000L + i);
            paid[i] = i % 3 == 0;
        }
        return DataFrame.byColumn("id", "qty", "price", "fare", "region", "day", "at", "paid").of(
                Series.ofLong(ids), Series.ofInt(qty), Series.ofDouble(price), Series.of(fare), Series.of(region),
                Series.of(day), Series.of(at), Series.ofBool(paid));
    }

    private static List<Row> sparkRows(int rows) {
        List<Row> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            list.add(RowFactory.create((long) i, i % 50, i * 0.5, fare(i), REGIONS[i % REGIONS.length],
                    LocalDate.ofEpochDay(19_000 + i % 1000), Instant.ofEpochSecond(1_700_000_000L + i), i % 3 == 0));
        }
        return list;
    }

    private static BigDecimal fare(int i) {
        return BigDecimal.valueOf(i % 100_000, 2);
    }
}
