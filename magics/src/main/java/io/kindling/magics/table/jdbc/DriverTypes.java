package io.kindling.magics.table.jdbc;

import java.sql.SQLException;

/**
 * What {@link ResultReader} must be told about one engine's JDBC driver: how it names column types
 * ({@code ResultSetMetaData.getColumnTypeName}), and how to turn the driver's own value classes (a
 * Trino {@code Row}, an interval) into plain Java. Everything else the reader does is plain JDBC.
 * <pre>{@code
 * DriverTypes types = typeName -> ColumnType.of(typeName, ColumnKind.OTHER);   // knows no types
 * ReadResult result = new ResultReader(types, 1_000).read(resultSet, ResultReader.RowProgress.NONE);
 * }</pre>
 */
@FunctionalInterface
public interface DriverTypes {

    /** The type tree of a type name the driver reports, e.g. {@code "array(row(a integer, b date))"}; never throws. */
    ColumnType parse(String typeName);

    /**
     * {@code value} (inside an ARRAY, MAP, ROW or a column of a kind the reader does not read itself)
     * as plain Java when it is of one of the driver's own classes; any other value unchanged. The reader
     * has already handled {@code java.sql.Array}, lists, maps and {@code java.sql} temporal values.
     *
     * @param nested converts values nested inside {@code value}, such as a row's fields
     */
    default Object toPlain(Object value, ColumnType type, PlainValues nested) throws SQLException {
        return value;
    }

    /** Converts a nested value to plain Java by what it is and its type. */
    @FunctionalInterface
    interface PlainValues {
        Object toPlain(Object value, ColumnType type) throws SQLException;
    }
}
