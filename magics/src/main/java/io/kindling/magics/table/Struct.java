package io.kindling.magics.table;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A nested row in a notebook table: named fields in a fixed order, values possibly NULL. It is a
 * {@link Map} so code that reads rows as maps keeps working, but a distinct type, so a column of
 * {@code Struct}s becomes a Spark {@code struct<...>} column while a column of plain maps becomes a
 * {@code map<...>} column. Immutable; equal to any map with the same entries.
 * <pre>{@code
 * Struct stop = Struct.of(List.of("name", "day"), Arrays.asList("Main St", LocalDate.of(2026, 1, 2)));
 * stop.get("name");                          // "Main St"
 * stop.names();                              // [name, day]
 * Struct.of(Map.of("km", 4.2)).get(0);       // 4.2
 * }</pre>
 */
public final class Struct extends AbstractMap<String, Object> {
    private final String[] names;
    private final Object[] values;

    private Struct(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /**
     * A struct of {@code names[i] -> values[i]}; values may be NULL, names must be distinct.
     */
    public static Struct of(List<String> names, List<?> values) {
        requireNonNull(names, "names is null");
        requireNonNull(values, "values is null");
        if (names.size() != values.size()) {
            throw new IllegalArgumentException(names.size() + " names but " + values.size() + " values");
        }
        String[] copiedNames = names.toArray(String[]::new);
        for (int i = 0; i < copiedNames.length; i++) {
            requireNonNull(copiedNames[i], "field name is null");
            for (int j = 0; j < i; j++) {
                if (copiedNames[j].equals(copiedNames[i])) {
                    throw new IllegalArgumentException("field '" + copiedNames[i] + "' appears twice");
                }
            }
        }
        return new Struct(copiedNames, values.toArray());
    }

    /** The fields of {@code fields} in its iteration order (use a {@link java.util.LinkedHashMap} to choose it). */
    public static Struct of(Map<String, ?> fields) {
        requireNonNull(fields, "fields is null");
        String[] copiedNames = new String[fields.size()];
        Object[] copiedValues = new Object[fields.size()];
        int i = 0;
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            copiedNames[i] = requireNonNull(field.getKey(), "field name is null");
            copiedValues[i++] = field.getValue();
        }
        return new Struct(copiedNames, copiedValues);
    }

    /** Trusted construction from arrays no one else holds (conversions from Spark rows). */
    static Struct wrap(String[] names, Object[] values) {
        return new Struct(names, values);
    }

    /** Field names, in order. */
    public List<String> names() {
        return List.of(names);
    }

    /** The name of the {@code index}-th field. */
    public String name(int index) {
        return names[index];
    }

    /** The value of the {@code index}-th field. */
    public Object get(int index) {
        return values[index];
    }

    /** Number of fields. */
    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int at = next++;
                        return new SimpleImmutableEntry<>(names[at], values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }

    /** Field values, in order (NULLs included). */
    public List<Object> values() {
        return java.util.Collections.unmodifiableList(Arrays.asList(values));
    }

    private int indexOf(Object key) {
        // Structs are narrow (a handful of fields): a scan beats hashing and keeps the value small.
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
