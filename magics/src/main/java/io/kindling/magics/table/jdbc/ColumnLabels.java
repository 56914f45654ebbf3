package io.kindling.magics.table.jdbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes column labels unique, as DFLib requires: the first {@code n} stays {@code n}, later ones
 * become {@code n_2}, {@code n_3}, skipping names that another column already has. Blank labels
 * become {@code _col0}, {@code _col1}... by position, like Trino's own unnamed columns.
 */
public final class ColumnLabels {
    private ColumnLabels() {
    }

    /** {@code unique(List.of("n", "n", "x"))} is {@code [n, n_2, x]}. */
    public static List<String> unique(List<String> labels) {
        Set<String> original = new HashSet<>(labels);
        Set<String> used = new HashSet<>();
        List<String> unique = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i) == null || labels.get(i).isBlank() ? "_col" + i : labels.get(i);
            if (!used.add(label)) {
                String candidate;
                int suffix = 2;
                do {
                    candidate = label + "_" + suffix++;
                } while (original.contains(candidate) || !used.add(candidate));
                label = candidate;
            }
            unique.add(label);
        }
        return List.copyOf(unique);
    }
}
