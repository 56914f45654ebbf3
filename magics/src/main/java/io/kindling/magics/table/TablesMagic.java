package io.kindling.magics.table;

import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.LineMagic;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.MagicSpec;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * {@code %tables}: the notebook's tables, one line each, with where they came from;
 * {@code %tables NAME} shows one in full (kind, size, engine, profile, query id, cell, SQL).
 */
public final class TablesMagic implements LineMagic {
    private static final MagicSpec SPEC = new MagicSpec("tables", MagicSpec.Kind.LINE,
            "Lists the notebook's tables and where each came from; %tables NAME shows one in full.",
            List.of("name"), false, List.of(), "%tables top");

    private final NotebookTables tables;

    public TablesMagic(NotebookTables tables) {
        this.tables = requireNonNull(tables, "tables is null");
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Optional<Object> run(MagicArguments arguments, MagicContext context) {
        List<TableLineage> bound = tables.bound(context::lookup);
        Optional<String> wanted = arguments.positional(0);
        if (wanted.isPresent()) {
            TableLineage lineage = bound.stream().filter(t -> t.name().equals(wanted.get())).findFirst()
                    .orElseThrow(() -> unknown(wanted.get(), bound));
            return Optional.of(String.join("\n", lineage.details()));
        }
        if (bound.isEmpty()) {
            return Optional.of("No tables yet: a SQL cell binds one, e.g. %%presto top");
        }
        return Optional.of(bound.stream().map(TableLineage::listing)
                .collect(Collectors.joining("\n", TableStats.count(bound.size(), "table") + ":\n", "")));
    }

    private static MagicError unknown(String name, List<TableLineage> bound) {
        List<String> names = bound.stream().map(TableLineage::name).toList();
        return new MagicError(ErrorName.UNKNOWN_TABLE, "no notebook table is named '" + name + "'"
                + CloseNames.hint(name, names, "") + (names.isEmpty() ? "; no tables are bound yet" : "; %tables lists them"));
    }
}
