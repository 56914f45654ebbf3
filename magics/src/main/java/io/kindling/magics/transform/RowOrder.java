package io.kindling.magics.transform;

import org.apache.spark.sql.Row;

import java.util.Comparator;
import java.util.List;

/** Rows in sort-key order as Spark sorts them: ascending puts NULLs first, descending last. */
final class RowOrder {
    private RowOrder() {
    }

    static Comparator<Row> of(List<SortKey> keys, GroupCall call) {
        Comparator<Row> order = (a, b) -> 0;
        for (SortKey key : keys) {
            int column = call.columnIndex(key.column());
            Comparator<Row> one = (a, b) -> compare(a.get(column), b.get(column));
            order = order.thenComparing(key.ascending() ? one : one.reversed());
        }
        return order;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return ((Comparable) a).compareTo(b);
    }
}
