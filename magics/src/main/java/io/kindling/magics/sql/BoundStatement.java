package io.kindling.magics.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A statement ready to send: SQL with {@code ?} placeholders, the values for them, and a map from
 * offsets in the sent SQL back to offsets in what the user wrote, for error carets.
 * <pre>{@code
 * BoundStatement bound = binder.bind(statement, body);   // written: SELECT {keys}, nope
 * bound.sql();                                           // sent:    SELECT ?, ?, nope
 * bound.writtenOffset(bound.sql().indexOf("nope"));      // 15, where "nope" is in the written text
 * }</pre>
 *
 * @param sql        the SQL to send
 * @param parameters the values of its placeholders in order (may hold nulls)
 * @param shifts     where sent and written text stop lining up, in increasing sent offset
 */
public record BoundStatement(String sql, List<Object> parameters, List<Shift> shifts) {

    /** From {@code sentOffset} on, sent text corresponds to written text at {@code writtenOffset}. */
    public record Shift(int sentOffset, int writtenOffset) {
    }

    public BoundStatement {
        requireNonNull(sql, "sql is null");
        // List.copyOf would refuse the null a notebook variable may hold.
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        shifts = List.copyOf(shifts);
    }

    /** The offset in the written statement that produced {@code sentOffset} of the sent SQL. */
    public int writtenOffset(int sentOffset) {
        Shift applicable = new Shift(0, 0);
        for (Shift shift : shifts) {
            if (shift.sentOffset() <= sentOffset) {
                applicable = shift;
            }
        }
        return applicable.writtenOffset() + (sentOffset - applicable.sentOffset());
    }

    /** The offset in the sent SQL that {@code writtenOffset} of the written statement became (outside bound parameters). */
    public int sentOffset(int writtenOffset) {
        Shift applicable = new Shift(0, 0);
        for (Shift shift : shifts) {
            if (shift.writtenOffset() <= writtenOffset) {
                applicable = shift;
            }
        }
        return applicable.sentOffset() + (writtenOffset - applicable.writtenOffset());
    }
}
