package io.kindling.magics.table.jdbc;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Shares one value object among the rows of a column that repeat the same short text: the driver
 * decodes every cell into a new String, so without this a million-row column of five distinct
 * ship modes holds a million strings. For DATE it also skips re-parsing repeated dates.
 *
 * <p>The cache gives up on columns that turn out to have many distinct values (it drops its map
 * after {@code maxEntries} distinct texts), so high-cardinality columns pay only for the first few
 * thousand rows. Texts longer than {@code maxTextLength} are never cached. One instance per column
 * per read; not thread-safe.
 *
 * @param <V> the value type, e.g. {@code String} or {@code LocalDate}
 */
final class ColumnValueCache<V> {
    static final int DEFAULT_MAX_ENTRIES = 16_384;
    static final int DEFAULT_MAX_TEXT_LENGTH = 64;

    private final Function<String, V> parser;
    private final int maxEntries;
    private final int maxTextLength;
    private Map<String, V> values = new HashMap<>();

    ColumnValueCache(Function<String, V> parser) {
        this(parser, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_TEXT_LENGTH);
    }

    ColumnValueCache(Function<String, V> parser, int maxEntries, int maxTextLength) {
        this.parser = parser;
        this.maxEntries = maxEntries;
        this.maxTextLength = maxTextLength;
    }

    /** The value of {@code text}, shared with earlier equal texts while the cache is active. */
    V valueOf(String text) {
        if (values == null || text.length() > maxTextLength) {
            return parser.apply(text);
        }
        V cached = values.get(text);
        if (cached != null) {
            return cached;
        }
        V value = parser.apply(text);
        if (values.size() >= maxEntries) {
            values = null;              // a high-cardinality column: sharing would not pay
        } else {
            values.put(text, value);
        }
        return value;
    }

    boolean active() {
        return values != null;
    }
}
