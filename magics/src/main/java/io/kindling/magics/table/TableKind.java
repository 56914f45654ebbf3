package io.kindling.magics.table;

import org.apache.spark.sql.Dataset;
import org.dflib.DataFrame;

import java.util.Optional;

/**
 * The kinds of table a notebook holds, each bound as a variable of its own Java type.
 */
public enum TableKind {
    /** A DFLib {@link DataFrame}: local, in memory. */
    LOCAL("DFLib DataFrame", "org.dflib.DataFrame"),
    /** A Spark {@code Dataset<Row>}: distributed and lazy; nothing runs until an action. */
    SPARK("Spark Dataset", "org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>"),
    /** A {@link ParquetTable}: a handle to Parquet files, read on demand. */
    PARQUET("Parquet files", "io.kindling.magics.table.ParquetTable");

    private final String label;
    private final String javaType;

    TableKind(String label, String javaType) {
        this.label = label;
        this.javaType = javaType;
    }

    /** How users call this kind, e.g. {@code Spark Dataset}. */
    public String label() {
        return label;
    }

    /** The variable's declared type, as written in Java, type arguments included. */
    public String javaType() {
        return javaType;
    }

    /** The kind of {@code value}, if it is a table. */
    public static Optional<TableKind> of(Object value) {
        if (value instanceof DataFrame) {
            return Optional.of(LOCAL);
        }
        if (value instanceof Dataset<?>) {
            return Optional.of(SPARK);
        }
        if (value instanceof ParquetTable) {
            return Optional.of(PARQUET);
        }
        return Optional.empty();
    }
}
