package io.kindling.magics.table;

import org.dflib.DataFrame;

import static java.util.Objects.requireNonNull;

/**
 * Rows brought from Spark into a DFLib table, and whether the limit left some behind.
 * <pre>{@code
 * CollectedTable top = SparkTables.toLocal(spark.table("rides"), 1_000);
 * if (top.truncated()) System.out.println("first 1,000 rows of more");
 * top.dataFrame().head(5);
 * }</pre>
 *
 * @param dataFrame the rows, at most the limit asked for
 * @param truncated whether the Spark DataFrame had more rows than the limit
 */
public record CollectedTable(DataFrame dataFrame, boolean truncated) {
    public CollectedTable {
        requireNonNull(dataFrame, "dataFrame is null");
    }
}
