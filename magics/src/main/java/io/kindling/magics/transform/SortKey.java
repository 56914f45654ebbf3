package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * One column of a presort: {@code "b desc, c"} is {@code [b descending, c ascending]}. Ascending puts
 * NULLs first and descending last, as Spark does.
 */
public record SortKey(String column, boolean ascending) implements Serializable {
    public SortKey {
        requireNonNull(column, "column is null");
    }

    /**
     * @throws MagicError BAD_PARTITION_SPEC naming the position of what is not {@code column [asc|desc]}
     */
    static List<SortKey> parse(String presort) {
        requireNonNull(presort, "presort is null");
        List<SortKey> keys = new ArrayList<>();
        int offset = 0;
        for (String part : presort.split(",", -1)) {
            String[] words = part.strip().split("\\s+");
            int position = offset + part.indexOf(part.strip());
            offset += part.length() + 1;
            if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
                throw error(presort, position, "expected 'column', 'column asc' or 'column desc'");
            }
            boolean ascending = true;
            if (words.length == 2) {
                String direction = words[1].toLowerCase(Locale.ROOT);
                if (!direction.equals("asc") && !direction.equals("desc")) {
                    throw error(presort, position + part.strip().indexOf(words[1]), "'" + words[1] + "' is neither asc nor desc");
                }
                ascending = direction.equals("asc");
            }
            keys.add(new SortKey(words[0], ascending));
        }
        return keys;
    }

    private static MagicError error(String text, int position, String message) {
        return new MagicError(ErrorName.BAD_PARTITION_SPEC, "presort(\"" + text + "\") at position " + (position + 1) + ": " + message,
                List.of("  " + text, "  " + " ".repeat(Math.max(0, position)) + "^"), null);
    }

    @Override
    public String toString() {
        return column + (ascending ? "" : " desc");
    }
}
