package io.kindling.magics.fsql;

import static java.util.Objects.requireNonNull;

/**
 * A source written inside a SELECT instead of a table name: {@code (PRESTO "SELECT ...")} reads a Trino
 * query's rows, {@code (LOAD [format] "path" [(options)] [COLUMNS schema])} reads files. The planner
 * replaces its span by a subquery over the temporary view that holds those rows while the cell runs.
 * <pre>{@code
 * FsqlCell cell = FsqlCell.parse(new SourceText("SELECT * FROM (PRESTO \"SELECT 1 AS a\") t", 2));
 * ((FsqlStep.Select) cell.statements().get(0).step()).sources();   // [NestedSource[start=14, end=38, ...]]
 * }</pre>
 *
 * @param start where {@code (} is, as an offset in the SELECT's text
 * @param end   the offset after {@code )}
 * @param read  what the source reads
 */
public record NestedSource(int start, int end, Read read) {
    public NestedSource {
        requireNonNull(read, "read is null");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** What a nested source reads. */
    public sealed interface Read {
    }

    /** {@code (PRESTO "SELECT ...")}: a query sent as written to Trino through the {@code %%presto} default profile. */
    public record Presto(String sql) implements Read {
        public Presto {
            requireNonNull(sql, "sql is null");
        }
    }

    /** {@code (LOAD ...)}: files, as the LOAD statement reads them. */
    public record Load(FsqlStep.Load load) implements Read {
        public Load {
            requireNonNull(load, "load is null");
        }
    }
}
