package io.kindling.magics.magic;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Finds the known names a mistyped one was probably meant to be, for "did you mean" hints. */
public final class CloseNames {
    private CloseNames() {
    }

    /** Known names within a small edit distance of {@code typed}, or sharing its prefix, closest first. */
    public static List<String> of(String typed, Collection<String> known) {
        int allowed = Math.max(1, Math.min(3, typed.length() / 3));
        return known.stream()
                .filter(k -> distance(typed, k) <= allowed || (typed.length() >= 2 && k.startsWith(typed)))
                .sorted(Comparator.comparingInt((String k) -> distance(typed, k)).thenComparing(k -> k))
                .limit(3)
                .toList();
    }

    /** A " (did you mean x or y?)" suffix, or an empty string when nothing is close. */
    public static String hint(String typed, Collection<String> known, String prefix) {
        List<String> close = of(typed, known);
        if (close.isEmpty()) {
            return "";
        }
        return " (did you mean " + String.join(" or ", close.stream().map(c -> prefix + c).toList()) + "?)";
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
