import io.kindling.magics.presto.ReadResult;
import io.kindling.magics.presto.ResultReader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Fetches a query with %%presto's own ResultReader in a JVM of a given -Xmx, so the benchmark can
 * find the smallest heap that holds the fetch: the peak of live data, which pool "peak usage" figures
 * (full of not-yet-collected garbage) cannot show. Prints "rows retainedBytes".
 * Run: java -Xmx<N>m -cp 'kernel/target/kindling/lib/*' bench/ReaderHeapProbe.java URL SQL
 */
public class ReaderHeapProbe {
    public static void main(String[] args) throws Exception {
        Runtime runtime = Runtime.getRuntime();
        try (Connection connection = DriverManager.getConnection(args[0], "kindling-bench", null);
             Statement statement = connection.createStatement()) {
            System.gc();
            long before = runtime.totalMemory() - runtime.freeMemory();
            ReadResult result;
            try (ResultSet rows = statement.executeQuery(args[1])) {
                result = new ResultReader(Integer.MAX_VALUE - 8).read(rows, count -> { });
            }
            System.gc();
            System.gc();
            long retained = runtime.totalMemory() - runtime.freeMemory() - before;
            System.out.println(result.dataFrame().height() + " " + retained);
        }
    }
}
