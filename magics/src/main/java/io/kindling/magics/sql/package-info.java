/**
 * SQL text per dialect ({@link io.kindling.magics.sql.SqlDialect}: Trino; Spark and the Hive SQL it
 * parses): splitting a cell into statements, {@code {name}} parameters and identifier quoting, and
 * the offsets that place errors on cell lines. Imports nothing of Kindling's but {@code magic}.
 */
package io.kindling.magics.sql;
