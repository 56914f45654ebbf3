import io.kindling.magics.fsql.ClusterOutputs;
import io.kindling.magics.fsql.FsqlMagic;
import io.kindling.magics.fsql.FsqlSessions;
import io.kindling.magics.fsql.TrinoQueries;
import io.kindling.magics.fsql.YieldFiles;
import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.RecordingMagicContext;
import io.kindling.magics.table.NotebookTables;
import io.kindling.magics.table.SparkTables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The same join and aggregation as a %%fsql cell and as hand-written Spark in one local session, alternating
 * after a warm-up of each: a 1,000-row notebook DFLib table joined with a generated table of {@code rows} rows,
 * grouped and collected. Both convert the DFLib table and register a view; %%fsql also parses, binds, resolves
 * names, drops its views and binds the result. Then parse+plan of a 50-statement cell (--explain) beside the run
 * of a trivial query ({@code SELECT 1}, collected), both after 30 warm-up rounds. Prints one JSON object per run. Run through bench/run.
 * Args: rows, repetitions.
 */
public class FsqlBench {
    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        int repeat = Integer.parseInt(args[1]);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fsql-bench").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.range(rows).selectExpr("id", "id % 1000 AS region_id", "CAST(id AS DOUBLE) / 7 AS km").createOrReplaceTempView("events");
        Object[] cells = new Object[2000];
        for (int i = 0; i < 1000; i++) {
            cells[2 * i] = (long) i;
            cells[2 * i + 1] = "region-" + i;
        }
        DataFrame top = DataFrame.foldByRow("region_id", "name").of(cells);
        Path work = Files.createTempDirectory("kindling-fsql-bench-");
        FsqlMagic magic = new FsqlMagic(FsqlSessions.of(() -> spark, Optional::empty), new NotebookTables(Clock.systemUTC()), new YieldFiles(work, ClusterOutputs.NONE), 1_000_000, TrinoQueries.NONE);
        String cell = """
                per_region = SELECT t.name, count(*) AS n, sum(e.km) AS km
                    FROM top t JOIN events e ON t.region_id = e.region_id
                    GROUP BY t.name
                YIELD LOCAL DATAFRAME AS per_region
                """;
        String sql = "SELECT t.name, count(*) AS n, sum(e.km) AS km FROM top_by_hand t JOIN events e ON t.region_id = e.region_id GROUP BY t.name";
        ours(magic, cell, top);
        theirs(spark, sql, top);
        for (int i = 0; i < repeat; i++) {
            System.out.printf("{\"mode\": \"ours\", \"seconds\": %.4f}%n", ours(magic, cell, top));
            System.out.printf("{\"mode\": \"spark\", \"seconds\": %.4f}%n", theirs(spark, sql, top));
        }
        StringBuilder fifty = new StringBuilder("t0 = SELECT t.name, e.km FROM top t JOIN events e ON t.region_id = e.region_id\n");
        for (int i = 1; i < 50; i++) {
            fifty.append(i % 2 == 1 ? "t" + i + " = SELECT name, km + 1 AS km FROM t" + (i - 1) + " WHERE km > 0\n" : "t" + i + " = TAKE 10 ROWS\n");
        }
        // Planning runs kindling's own code, which a fresh JVM has not compiled yet; SELECT 1 runs Spark code the
        // join above already warmed. Both are measured warm, after the same rounds.
        int warmUps = 30;
        for (int i = 0; i < warmUps + repeat; i++) {
            RecordingMagicContext context = new RecordingMagicContext().set("top", top);
            long started = System.nanoTime();
            magic.run(MagicArgumentParser.parse(magic.spec(), "--explain"), fifty.toString(), context);
            double plan = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            List<Row> one = spark.sql("SELECT 1").collectAsList();
            double trivial = (System.nanoTime() - started) / 1e9;
            if (one.size() != 1 || i < warmUps) {
                continue;
            }
            System.out.printf("{\"mode\": \"plan50\", \"seconds\": %.4f, \"trivial\": %.4f}%n", plan, trivial);
        }
        spark.stop();
        System.exit(0);
    }

    private static double ours(FsqlMagic magic, String cell, DataFrame top) {
        RecordingMagicContext context = new RecordingMagicContext().set("top", top);
        long started = System.nanoTime();
        magic.run(MagicArgumentParser.parse(magic.spec(), ""), cell, context);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (((DataFrame) context.lookup("per_region").orElseThrow()).height() != 1000) {
            throw new IllegalStateException("wrong result: " + context.printed());
        }
        return seconds;
    }

    private static double theirs(SparkSession spark, String sql, DataFrame top) {
        long started = System.nanoTime();
        SparkTables.toSpark(spark, top).createOrReplaceTempView("top_by_hand");
        DataFrame result = SparkTables.toLocal(spark.sql(sql), 1_000_000).dataFrame();
        spark.catalog().dropTempView("top_by_hand");
        double seconds = (System.nanoTime() - started) / 1e9;
        if (result.height() != 1000) {
            throw new IllegalStateException("wrong result: " + result.height());
        }
        return seconds;
    }
}
