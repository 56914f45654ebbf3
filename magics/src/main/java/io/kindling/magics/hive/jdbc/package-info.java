/**
 * {@code %%hive} against an existing HiveServer2-protocol server (Hive, Kyuubi, Spark Thrift Server) over
 * JDBC, for a profile whose {@code url} is {@code jdbc:hive2://host:port/db}: the profile
 * ({@link io.kindling.magics.hive.jdbc.HiveServer2Profile}), a session
 * ({@link io.kindling.magics.hive.jdbc.HiveServer2Connection}) and its statements
 * ({@link io.kindling.magics.hive.jdbc.HiveServer2Statement}: operation log, cancel, errors with
 * positions, rows into DFLib or streamed into Parquet). The driver is Kyuubi's shaded Hive JDBC driver,
 * loaded in a class loader of its own ({@code HiveJdbcDriver} says why). Knows nothing of Jupyter or JShell.
 */
package io.kindling.magics.hive.jdbc;
