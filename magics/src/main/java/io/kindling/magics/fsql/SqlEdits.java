package io.kindling.magics.fsql;

import io.kindling.magics.sql.BoundStatement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Replaces spans of a bound statement's SQL (a relation name by its temporary view, {@code FROM} put
 * into a SELECT that had none) and keeps the map from sent offsets back to what the user wrote, so
 * Spark's errors still point at the right cell column.
 * <pre>{@code
 * BoundStatement sent = SqlEdits.apply(bound, List.of(new SqlEdits.Edit(14, 17, "`_fsql2_top` AS `top`")));
 * }</pre>
 */
final class SqlEdits {
    /** Replace sent offsets {@code [start, end)} by {@code text}; an insertion has {@code start == end}. */
    record Edit(int start, int end, String text) {
        Edit {
            requireNonNull(text, "text is null");
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad edit " + start + ".." + end);
            }
        }
    }

    private SqlEdits() {
    }

    static BoundStatement apply(BoundStatement bound, List<Edit> edits) {
        if (edits.isEmpty()) {
            return bound;
        }
        List<Edit> sorted = edits.stream().sorted(Comparator.comparingInt(Edit::start)).toList();
        StringBuilder sql = new StringBuilder();
        List<BoundStatement.Shift> shifts = new ArrayList<>();
        int copied = 0;
        int delta = 0;
        int next = 0;
        List<BoundStatement.Shift> old = bound.shifts();
        for (Edit edit : sorted) {
            if (edit.start() < copied) {
                throw new IllegalArgumentException("overlapping edits at " + edit.start());
            }
            for (; next < old.size() && old.get(next).sentOffset() <= edit.start(); next++) {
                shifts.add(new BoundStatement.Shift(old.get(next).sentOffset() + delta, old.get(next).writtenOffset()));
            }
            // Shifts inside the replaced span are gone with it.
            while (next < old.size() && old.get(next).sentOffset() < edit.end()) {
                next++;
            }
            sql.append(bound.sql(), copied, edit.start()).append(edit.text());
            delta += edit.text().length() - (edit.end() - edit.start());
            copied = edit.end();
            // From the end of the replacement on, sent text lines up with what followed the span.
            shifts.add(new BoundStatement.Shift(edit.end() + delta, bound.writtenOffset(edit.end())));
        }
        for (; next < old.size(); next++) {
            shifts.add(new BoundStatement.Shift(old.get(next).sentOffset() + delta, old.get(next).writtenOffset()));
        }
        sql.append(bound.sql(), copied, bound.sql().length());
        return new BoundStatement(sql.toString(), bound.parameters(), shifts);
    }
}
