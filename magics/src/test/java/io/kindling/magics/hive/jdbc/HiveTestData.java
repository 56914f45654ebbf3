package io.kindling.magics.hive.jdbc;

import java.util.Map;
import java.util.Optional;

/**
 * Tables on the local HiveServer2 ({@link LocalHiveServer2}) for the tests of this JVM, created once:
 * a database of this run's own (runs against a server that keeps its metastore never collide), dropped
 * when the JVM ends (before the server stops).
 * <ul>
 *   <li>{@code rides}: 5 rows of every common type, partitioned by {@code day DATE}, stored as Parquet;</li>
 *   <li>{@code one_row}: one INT.</li>
 * </ul>
 */
final class HiveTestData {
    private static final String DATABASE = "kindling_" + Long.toString(System.currentTimeMillis(), 36);

    // Per-JVM fixture state: the profile once the tables exist.
    private static HiveServer2Profile profile;

    private HiveTestData() {
    }

    /**
     * A profile of the local server: fetch_size 2, so results of 5 rows take several fetches, and the
     * dynamic partitioning the INSERT below needs, as profile conf.
     */
    static synchronized HiveServer2Profile profile() {
        if (profile == null) {
            HiveServer2Profile local = new HiveServer2Profile("local", LocalHiveServer2.jdbcUrl(), "kindling", Optional.empty(),
                    Map.of("hive.exec.dynamic.partition.mode", "nonstrict"), 2);
            create(local);
            profile = local;
            LocalHiveServer2.atExit(() -> drop(local));
        }
        return profile;
    }

    /** The database holding the tables. */
    static String database() {
        profile();
        return DATABASE;
    }

    private static void create(HiveServer2Profile profile) {
        try (HiveServer2Connection hive = HiveServer2Connection.open(profile, Map.of());
             HiveServer2Statement statement = hive.statement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
            statement.execute("CREATE TABLE " + DATABASE + ".rides (id BIGINT, km DOUBLE, fare DECIMAL(10,2), rider STRING,"
                    + " tags ARRAY<STRING>, started TIMESTAMP, ok BOOLEAN, small TINYINT) PARTITIONED BY (day DATE) STORED AS PARQUET");
            // One INSERT (a local MapReduce job) for all rows; the dynamic partitions need the profile's conf.
            statement.execute("INSERT INTO " + DATABASE + ".rides PARTITION (day) "
                    + "SELECT 1, 4.25D, CAST(12.50 AS DECIMAL(10,2)), 'ann', array('a', 'b'), TIMESTAMP '2024-01-02 08:15:00.123456789',"
                    + " true, 1Y, DATE '2024-01-02' "
                    + "UNION ALL SELECT 2, 9.75D, CAST(NULL AS DECIMAL(10,2)), 'bob', array('b'), TIMESTAMP '2024-01-02 09:00:00',"
                    + " false, -2Y, DATE '2024-01-02' "
                    + "UNION ALL SELECT 3, 1.5D, CAST(3.10 AS DECIMAL(10,2)), CAST(NULL AS STRING), if(false, array('x'), NULL),"
                    + " CAST(NULL AS TIMESTAMP), CAST(NULL AS BOOLEAN), CAST(NULL AS TINYINT), DATE '2024-01-03' "
                    + "UNION ALL SELECT 4, 2.0D, CAST(4 AS DECIMAL(10,2)), 'dan', array('c'), TIMESTAMP '2024-01-03 23:59:59.5',"
                    + " true, 4Y, DATE '2024-01-03' "
                    + "UNION ALL SELECT 5, 3.0D, CAST(5 AS DECIMAL(10,2)), 'eve', array('d'), TIMESTAMP '2024-01-03 00:00:00',"
                    + " true, 5Y, DATE '2024-01-03'");
            statement.execute("CREATE TABLE " + DATABASE + ".one_row (x INT) STORED AS PARQUET");
            statement.execute("INSERT INTO " + DATABASE + ".one_row VALUES (1)");
        }
    }

    private static void drop(HiveServer2Profile profile) {
        try (HiveServer2Connection hive = HiveServer2Connection.open(profile, Map.of());
             HiveServer2Statement statement = hive.statement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " CASCADE");
        } catch (RuntimeException e) {
            // the server may be stopping too; a leftover database of a unique name harms nothing
        }
    }
}
