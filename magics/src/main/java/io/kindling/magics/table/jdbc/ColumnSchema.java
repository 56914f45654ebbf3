package io.kindling.magics.table.jdbc;

import static java.util.Objects.requireNonNull;

/**
 * One column of a read result: its (unique) label, the SQL type as the driver named it, and the
 * Java type of its values. Numeric and boolean types are given boxed ({@code Long.class}); the
 * DataFrame column is a primitive series when it has no NULLs.
 *
 * <pre>{@code
 * new ColumnSchema("orderkey", "bigint", Long.class)
 * new ColumnSchema("items", "array(row(sku varchar,qty integer))", List.class)
 * }</pre>
 *
 * @param label    the column's label in the DataFrame, made unique ({@code n}, {@code n_2})
 * @param sqlType  the type name the driver reports, e.g. Trino's {@code "decimal(12,2)"} or {@code "timestamp(3) with time zone"}
 * @param javaType the class of the column's non-null values
 */
public record ColumnSchema(String label, String sqlType, Class<?> javaType) {

    public ColumnSchema {
        requireNonNull(label, "label is null");
        requireNonNull(sqlType, "sqlType is null");
        requireNonNull(javaType, "javaType is null");
    }

    /** E.g. {@code "orderkey bigint -> Long"}, for describing a result's schema to the user. */
    public String describe() {
        return label + " " + sqlType + " -> " + javaType.getSimpleName();
    }
}
