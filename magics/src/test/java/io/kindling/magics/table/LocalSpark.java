package io.kindling.magics.table;

import org.apache.spark.sql.SparkSession;

/** A small in-process Spark for table tests: one core, no UI, loopback only, few shuffle partitions. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start(String name) {
        return SparkSession.builder().master("local[1]").appName(name).config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }
}
