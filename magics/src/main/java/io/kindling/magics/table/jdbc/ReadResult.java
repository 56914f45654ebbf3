package io.kindling.magics.table.jdbc;

import org.dflib.DataFrame;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What {@link ResultReader#read} produced: the rows as a DataFrame, how many there are, whether the
 * result had more rows than the reader's cap (then the caller should cancel the query and tell the
 * user), and each column's SQL and Java type.
 *
 * <pre>{@code
 * ReadResult result = new ResultReader(new TrinoTypes(), 1_000_000).read(resultSet, rows -> { });
 * if (result.truncated()) { statement.cancel(); }
 * result.columnTypes();   // {orderkey=class java.lang.Long, shipdate=class java.time.LocalDate, ...}
 * }</pre>
 *
 * @param dataFrame the rows, one DFLib column per result column, labelled as in {@code columns}
 * @param rows      the number of rows read (the DataFrame's height)
 * @param truncated true if the result set had more rows than were read
 * @param columns   the columns in result order
 */
public record ReadResult(DataFrame dataFrame, long rows, boolean truncated, List<ColumnSchema> columns) {

    public ReadResult {
        requireNonNull(dataFrame, "dataFrame is null");
        columns = List.copyOf(columns);
        if (rows != dataFrame.height()) {
            throw new IllegalArgumentException("rows " + rows + " but the DataFrame has " + dataFrame.height());
        }
        if (columns.size() != dataFrame.width()) {
            throw new IllegalArgumentException(columns.size() + " columns described but the DataFrame has " + dataFrame.width());
        }
    }

    /** Column label to the Java type of its values, in result order. */
    public Map<String, Class<?>> columnTypes() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (ColumnSchema column : columns) {
            types.put(column.label(), column.javaType());
        }
        return Collections.unmodifiableMap(types);
    }
}
