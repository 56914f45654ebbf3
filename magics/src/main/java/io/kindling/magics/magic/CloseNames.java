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

    /** Edit distance counting a swap of neighbours as one edit (optimal string alignment): "lcoal" is 1 from "local". */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
