package io.kindling.magics.presto;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A statement ready to send: SQL with {@code ?} placeholders, the values for them, and a map from
 * offsets in the sent SQL back to offsets in what the user wrote, for error carets.
 */
record BoundStatement(String sql, List<Object> parameters, List<Shift> shifts) {

    /** From {@code sentOffset} on, sent text corresponds to written text at {@code writtenOffset}. */
    record Shift(int sentOffset, int writtenOffset) {
    }

    BoundStatement {
        requireNonNull(sql, "sql is null");
        parameters = java.util.Collections.unmodifiableList(new ArrayList<>(parameters));
        shifts = List.copyOf(shifts);
    }

    /** The offset in the written statement that produced {@code sentOffset} of the sent SQL. */
    int writtenOffset(int sentOffset) {
        Shift applicable = new Shift(0, 0);
        for (Shift shift : shifts) {
            if (shift.sentOffset() <= sentOffset) {
                applicable = shift;
            }
        }
        return applicable.writtenOffset() + (sentOffset - applicable.sentOffset());
    }
}
