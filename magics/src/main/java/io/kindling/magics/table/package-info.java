/**
 * Notebook tables and the conversions between them: a DFLib {@code DataFrame} (local), a Spark
 * {@code Dataset<Row>} (distributed, lazy; {@link io.kindling.magics.table.SparkTables}) and a table
 * stored as Parquet files ({@link io.kindling.magics.table.ParquetTable}). Conversions keep column
 * types; nested rows are {@link io.kindling.magics.table.Struct}s. Imports only {@code magic} of ours.
 */
package io.kindling.magics.table;
