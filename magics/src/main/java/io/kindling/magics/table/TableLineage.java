package io.kindling.magics.table;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Where a notebook table came from and what it was when it was bound: what {@code %tables} lists and
 * what the table's rendering ends with.
 *
 * @param name    the notebook variable
 * @param kind    the table's kind
 * @param origin  what the engine said of it
 * @param cell    the execution count of the cell that bound it
 * @param boundAt when it was bound
 * @param stats   its size when bound
 */
public record TableLineage(String name, TableKind kind, TableOrigin origin, int cell, Instant boundAt, TableStats stats) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    public TableLineage {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(boundAt, "boundAt is null");
        requireNonNull(stats, "stats is null");
    }

    /** e.g. {@code tpch.tiny via warehouse · query 20261202_… · 0.4 s · 25 rows}. */
    public String oneLine() {
        List<String> parts = new ArrayList<>();
        parts.add(origin.source());
        origin.queryId().ifPresent(id -> parts.add("query " + id));
        parts.add(seconds());
        stats.rows().ifPresent(rows -> parts.add(TableStats.count(rows, "row")));
        return String.join(" · ", parts);
    }

    /** One line of {@code %tables}: name, kind, size, source, cell. */
    public String listing() {
        return name + "  " + kind.label() + "  " + stats.describe() + "  " + origin.engine() + ": " + origin.source()
                + "  cell [" + cell + "]";
    }

    /** Everything known, one fact a line, for {@code %tables NAME}. */
    public List<String> details() {
        List<String> lines = new ArrayList<>();
        lines.add(name + " (" + kind.label() + ", " + kind.javaType() + ")");
        lines.add("  size:     " + stats.describe());
        lines.add("  from:     %%" + origin.engine() + ", " + origin.source());
        origin.profile().ifPresent(p -> lines.add("  profile:  " + p));
        origin.queryId().ifPresent(id -> lines.add("  query:    " + id));
        lines.add("  bound:    cell [" + cell + "] at " + TIME.format(boundAt) + ", took " + seconds());
        lines.add("  sql:");
        origin.sql().strip().lines().forEach(line -> lines.add("    " + line));
        return lines;
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.1f s", origin.elapsed().toMillis() / 1000.0);
    }
}
