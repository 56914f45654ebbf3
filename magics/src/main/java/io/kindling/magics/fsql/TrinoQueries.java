package io.kindling.magics.fsql;

import io.kindling.magics.magic.MagicContext;
import org.dflib.DataFrame;

/**
 * How {@code %%fsql} reads Trino ({@code presto.catalog.schema.table} in a SELECT): the kernel hands in
 * the {@code %%presto} engine at wiring, so this package imports no other engine.
 * <pre>{@code
 * TrinoQueries trino = prestoMagic::fetch;
 * DataFrame nations = trino.fetch("SELECT * FROM \"tpch\".\"tiny\".\"nation\"", context);
 * }</pre>
 */
@FunctionalInterface
public interface TrinoQueries {
    /** None configured: a Trino name fails saying so. */
    TrinoQueries NONE = (sql, context) -> {
        throw new IllegalStateException("no Trino is configured for %%fsql");
    };

    /**
     * Runs {@code sql} on Trino with the profile {@code %%presto} cells use by default, with the cell's
     * progress and interrupt; the rows as a DFLib table, capped as {@code %%presto} caps them.
     */
    DataFrame fetch(String sql, MagicContext context);
}
