package io.kindling.magics.table;

import io.kindling.magics.magic.MagicContext;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The tables magics bound in this notebook, with their lineage. Engines bind through here, so every
 * table is declared with its kind's Java type and {@code %tables} knows where it came from.
 * <pre>{@code
 * NotebookTables tables = new NotebookTables(Clock.systemUTC());
 * tables.bind(context, "top", dataFrame, origin);   // `top` is now an org.dflib.DataFrame in Java cells
 * tables.lineageOf(dataFrame).map(TableLineage::oneLine);
 * }</pre>
 * Tables are held weakly: a table the notebook dropped (say {@code top = null}) is not kept alive here.
 */
public final class NotebookTables {
    private final Clock clock;
    private final Map<String, Entry> tables = new LinkedHashMap<>();

    private record Entry(WeakReference<Object> table, TableLineage lineage) {
    }

    public NotebookTables(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Makes {@code table} the notebook variable {@code name}, declared as its kind's type, and records
     * where it came from.
     *
     * @throws IllegalArgumentException if {@code table} is not one of the {@link TableKind}s
     */
    public TableLineage bind(MagicContext context, String name, Object table, TableOrigin origin) {
        TableKind kind = TableKind.of(table).orElseThrow(() -> new IllegalArgumentException(
                "not a notebook table: " + table.getClass().getName()));
        context.bindAs(name, table, kind.javaType());
        TableLineage lineage = new TableLineage(name, kind, origin, context.cellNumber(), clock.instant(), TableStats.of(table));
        synchronized (tables) {
            tables.remove(name);
            tables.put(name, new Entry(new WeakReference<>(table), lineage));
        }
        return lineage;
    }

    /** The lineage of this very table object, whatever variable holds it now. */
    public Optional<TableLineage> lineageOf(Object table) {
        synchronized (tables) {
            return tables.values().stream().filter(e -> e.table().get() == table).map(Entry::lineage).findFirst();
        }
    }

    /**
     * The tables that variables still hold as bound, oldest first; {@code current} gives a variable's
     * value now, so a reassigned variable no longer claims the lineage of its old table.
     */
    public List<TableLineage> bound(Function<String, Optional<Object>> current) {
        List<Map.Entry<String, Entry>> entries;
        synchronized (tables) {
            tables.values().removeIf(e -> e.table().get() == null);
            entries = new ArrayList<>(tables.entrySet());
        }
        List<TableLineage> bound = new ArrayList<>();
        for (Map.Entry<String, Entry> entry : entries) {
            Object table = entry.getValue().table().get();
            if (table != null && current.apply(entry.getKey()).filter(v -> v == table).isPresent()) {
                bound.add(entry.getValue().lineage());
            }
        }
        return bound;
    }
}
