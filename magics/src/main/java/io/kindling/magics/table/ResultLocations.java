package io.kindling.magics.table;

import java.net.URI;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Fresh locations for results that cells write as Parquet ({@code %%hive} outputs, {@code %%fsql}'s YIELD FILE):
 * named after what the cell binds and the cell, with a random suffix so that running a cell again never writes
 * over a result still bound.
 * <pre>{@code
 * URI out = ResultLocations.fresh(URI.create("s3a://lake/scratch"), "per_snapshot", 7);
 * // s3a://lake/scratch/per_snapshot-cell7-1a2b3c4d
 * }</pre>
 */
public final class ResultLocations {
    private ResultLocations() {
    }

    /** {@code base/name-cell<cell>-<8 random hex digits>}; {@code base} may or may not end with a slash. */
    public static URI fresh(URI base, String name, int cell) {
        requireNonNull(base, "base is null");
        requireNonNull(name, "name is null");
        String leaf = name + "-cell" + cell + "-" + UUID.randomUUID().toString().substring(0, 8);
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text + leaf : text + "/" + leaf);
    }
}
