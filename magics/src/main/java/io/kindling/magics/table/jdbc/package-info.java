/**
 * Reads a JDBC result set into a DFLib DataFrame, column by column in primitive chunks
 * ({@link io.kindling.magics.table.jdbc.ResultReader}). What differs between engines' drivers, their type
 * names and their own value classes, comes in through {@link io.kindling.magics.table.jdbc.DriverTypes}
 * (Trino's is {@code presto.TrinoTypes}). Imports nothing of Kindling's but {@code magic} and {@code sql}.
 */
package io.kindling.magics.table.jdbc;
