import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * The baseline for the %%presto fetch: a plain trino-jdbc loop that reads every column of every row
 * with getObject and keeps nothing. Prints "seconds rows peakHeapDeltaBytes".
 * Run: java -cp trino-jdbc.jar bench/TrinoJdbcBaseline.java URL SQL
 */
public class TrinoJdbcBaseline {
    public static void main(String[] args) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        try (Connection connection = DriverManager.getConnection(args[0], "kindling-bench", null);
             Statement statement = connection.createStatement()) {
            System.gc();
            long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long started = System.nanoTime();
            long rows = 0;
            try (ResultSet result = statement.executeQuery(args[1])) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    for (int i = 1; i <= columns; i++) {
                        result.getObject(i);
                    }
                    rows++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.println(seconds + " " + rows + " " + (peak - before));
        }
    }
}
