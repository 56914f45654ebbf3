package io.kindling.magics.table.jdbc;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A column type as a tree: an {@code array(row(a integer, b date))} knows its element and field
 * types, so nested values can be converted by what they are, not only by their Java class. A
 * {@link DriverTypes} builds it from the type name a driver reports.
 * <pre>{@code
 * ColumnType date = ColumnType.of("date", ColumnKind.DATE);
 * ColumnType dates = new ColumnType("array", ColumnKind.ARRAY, List.of(date), List.of());
 * dates.javaType();   // interface java.util.List
 * }</pre>
 *
 * @param name       the base name without parameters, lower case, e.g. {@code "timestamp with time zone"}
 * @param kind       the family the reader maps the type to
 * @param children   element type (array), key and value types (map) or field types (row); empty
 *                   when the type has none or could not be parsed
 * @param fieldNames for a parsed row, one name per field ({@code ""} for an unnamed field); else empty
 */
public record ColumnType(String name, ColumnKind kind, List<ColumnType> children, List<String> fieldNames) {

    /** Stands in for a part of a type that could not be parsed: its values are converted by their Java class. */
    public static final ColumnType UNKNOWN = new ColumnType("?", ColumnKind.OTHER, List.of(), List.of());

    public ColumnType {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        children = List.copyOf(children);
        fieldNames = List.copyOf(fieldNames);
    }

    /** A type without element or field types, such as {@code bigint} or {@code varchar}. */
    public static ColumnType of(String name, ColumnKind kind) {
        return new ColumnType(name, kind, List.of(), List.of());
    }

    /** The i-th child type, or {@link #UNKNOWN} if the type was not parsed that far. */
    public ColumnType child(int index) {
        return index < children.size() ? children.get(index) : UNKNOWN;
    }

    /** Whether a row's values become maps: true when at least one field has a name. */
    public boolean hasFieldNames() {
        return fieldNames.stream().anyMatch(fieldName -> !fieldName.isEmpty());
    }

    /** Whether this row type was parsed down to its fields, so its shape is known before any value is read. */
    public boolean knowsFields() {
        return !fieldNames.isEmpty();
    }

    /**
     * The Java type of this type's values: the kind's type, except that a row is a {@link Map} when
     * its fields have names, a {@link List} when they have none, and {@code Object} if its type name
     * could not be parsed.
     */
    public Class<?> javaType() {
        if (kind != ColumnKind.ROW) {
            return kind.javaType();
        }
        if (!knowsFields()) {
            return Object.class;
        }
        return hasFieldNames() ? Map.class : List.class;
    }
}
