package io.kindling.magics.presto;

import io.kindling.magics.table.jdbc.ColumnKind;
import io.kindling.magics.table.jdbc.ColumnLabels;
import io.kindling.magics.table.jdbc.ColumnType;
import io.kindling.magics.table.jdbc.DriverTypes;
import io.trino.jdbc.Row;
import io.trino.jdbc.RowField;
import io.trino.jdbc.TrinoIntervalDayTime;
import io.trino.jdbc.TrinoIntervalYearMonth;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the JDBC reader needs to know about trino-jdbc: Trino's type names ({@link ColumnTypeParser})
 * and the driver's own value classes, which become plain Java: a {@code Row} a
 * {@code Map<String, Object>} of field name to value (a {@code List} when its fields have no names),
 * intervals {@link Duration} / {@link Period}.
 * <pre>{@code
 * ReadResult result = new ResultReader(new TrinoTypes(), 1_000_000).read(resultSet, RowProgress.NONE);
 * }</pre>
 */
public final class TrinoTypes implements DriverTypes {

    @Override
    public ColumnType parse(String typeName) {
        return ColumnTypeParser.parse(typeName);
    }

    @Override
    public Object toPlain(Object value, ColumnType type, PlainValues nested) throws SQLException {
        if (value instanceof Row row) {
            return row(row, type, nested);
        }
        if (value instanceof TrinoIntervalDayTime interval) {
            return Duration.ofMillis(interval.getMilliSeconds());
        }
        if (value instanceof TrinoIntervalYearMonth interval) {
            return Period.ofMonths(interval.getMonths()).normalized();
        }
        return value;
    }

    private static Object row(Row row, ColumnType type, PlainValues nested) throws SQLException {
        List<RowField> fields = row.getFields();
        boolean knowsFields = type.kind() == ColumnKind.ROW && type.knowsFields();
        boolean named = knowsFields ? type.hasFieldNames() : fields.stream().anyMatch(field -> field.getName().isPresent());
        if (!named) {
            List<Object> values = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                values.add(nested.toPlain(fields.get(i).getValue(), type.child(i)));
            }
            return Collections.unmodifiableList(values);
        }
        List<String> names = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            names.add(fields.get(i).getName().orElse("field" + i));   // the driver's own name for unnamed fields
        }
        // Trino allows ROW(a int, a int); map keys must still be unique (a, a_2).
        List<String> keys = ColumnLabels.unique(names);
        Map<String, Object> values = new LinkedHashMap<>(Math.max(4, fields.size() * 2));
        for (int i = 0; i < fields.size(); i++) {
            values.put(keys.get(i), nested.toPlain(fields.get(i).getValue(), type.child(i)));
        }
        return Collections.unmodifiableMap(values);
    }
}
