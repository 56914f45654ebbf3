package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.RecordRows;
import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The local engine's path for the common case of records in and flat records out: the user's own
 * records are grouped and handed over as they are, and the output records become DFLib columns
 * directly, with no Spark rows in between. Same parts, same calls and same table as the row path
 * ({@link LocalEngine#run(List, GroupCall, PartitionSpec)}), which handles everything else.
 */
final class DirectRecords {
    private static final Set<Class<?>> FLAT = Set.of(String.class, Long.class, Integer.class, Double.class, Float.class,
            Short.class, Byte.class, Boolean.class, LocalDate.class, LocalDateTime.class, Instant.class);

    private DirectRecords() {
    }

    /** Records of the function's input class in a list, run locally, flat records out (or none), nothing to collect or filter. */
    static boolean applies(Object input, Shape<?> in, Shape<?> out, CallOptions options) {
        if (!(input instanceof List<?> list) || list.isEmpty() || in.record().isEmpty() || in.container() == Shape.Container.DATAFRAME
                || options.on().isPresent() || options.collectFailures() || options.onlyGroups().isPresent()
                || options.saveTo().isPresent()) {
            return false;
        }
        if (out != null && (out.record().isEmpty() || !flat(out.record().get()))) {
            return false;
        }
        // The first row decides; the others are checked as they are grouped (one pass over the rows, not two).
        Object first = list.get(0);
        return first != null && first.getClass() == in.record().get();
    }

    private static boolean flat(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).allMatch(c -> c.getType().isPrimitive() || FLAT.contains(c.getType()));
    }

    /** @return the output as a DFLib DataFrame, or null for an action */
    @SuppressWarnings("unchecked")
    static Object run(List<?> input, Shape<?> in, Shape<?> out, Invoker function, CallOptions options, LocalEngine engine) {
        Class<?> type = in.record().get();
        PartitionSpec spec = options.partition();
        spec.validate(RecordRows.schema((Class<? extends Record>) type));
        Accessors inputs = Accessors.of(type);
        Function<Object, Object> key = spec.keys().isEmpty() ? null : inputs.key(spec.keys());
        if (key == null) {
            input.forEach(item -> checkInput(item, type));
        }
        Function<Object, Object> checkedKey = key == null ? null : item -> key.apply(checkInput(item, type));
        Map<String, Object> params = options.params();
        Accessors outputs = out == null ? null : Accessors.of(out.record().get());
        List<List<Object>> parts = engine.parts((List<Object>) input, checkedKey, inputs.order(spec.presort()), spec);
        List<Columns> chunks = engine.run(parts, (part, name) -> {
            String group = spec.perGroup() ? inputs.describe(part.get(0), spec.keys()) : name;
            Object result;
            try {
                result = function.invoke(wrap(in.container(), part), params);
            } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
                throw new FunctionFailure(group, inputs.describe(part.get(0), inputs.names), e);
            }
            // Columns of the records the call just made, while they are still in the worker's cache.
            return out == null ? List.of() : List.of(outputs.columns(drain(result, out.container())));
        });
        return out == null ? null : outputs.toDataFrame(chunks);
    }

    private static Object checkInput(Object item, Class<?> type) {
        if (item == null || item.getClass() != type) {
            throw new MagicError(ErrorName.UNSUPPORTED_INPUT, "the input list mixes " + type.getSimpleName() + " with "
                    + (item == null ? "null" : item.getClass().getName()) + "; give rows of one record class");
        }
        return item;
    }

    private static Object wrap(Shape.Container container, List<Object> part) {
        return switch (container) {
            case LIST, ITERABLE -> part;
            case ITERATOR -> part.iterator();
            case STREAM -> part.stream();
            case DATAFRAME -> throw new IllegalStateException("not a record shape");
        };
    }

    /** The call's records, unchecked: {@link Accessors#columns} checks each as it reads it. */
    @SuppressWarnings("unchecked")
    private static List<Object> drain(Object result, Shape.Container container) {
        if (result == null) {
            return List.of();
        }
        if (result instanceof List<?> list && container != Shape.Container.ITERATOR && container != Shape.Container.STREAM) {
            // The function's own list is the output: read, not copied.
            return (List<Object>) list;
        }
        Iterator<?> items = switch (container) {
            case LIST, ITERABLE -> ((Iterable<?>) result).iterator();
            case ITERATOR -> (Iterator<?>) result;
            case STREAM -> ((Stream<?>) result).iterator();
            case DATAFRAME -> throw new IllegalStateException("not a record shape");
        };
        List<Object> drained = new ArrayList<>();
        items.forEachRemaining(drained::add);
        return drained;
    }

    /** A record class's components: names, types and their {@link ComponentReader}. */
    private static final class Accessors {
        private final Class<?> type;
        private final String[] names;
        private final Class<?>[] types;
        private final ComponentReader reader;

        private Accessors(Class<?> type, String[] names, Class<?>[] types, ComponentReader reader) {
            this.type = type;
            this.names = names;
            this.types = types;
            this.reader = reader;
        }

        static Accessors of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            return new Accessors(type, Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new),
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new), ComponentReader.of(type));
        }

        Object get(Object record, int component) {
            return reader.get(record, component);
        }

        int index(String name) {
            return Arrays.asList(names).indexOf(name);
        }

        Function<Object, Object> key(List<String> keys) {
            int[] at = keys.stream().mapToInt(this::index).toArray();
            if (at.length == 1) {
                return record -> get(record, at[0]);
            }
            return record -> {
                Object[] values = new Object[at.length];
                for (int i = 0; i < at.length; i++) {
                    values[i] = get(record, at[i]);
                }
                return Arrays.asList(values);
            };
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Object> order(List<SortKey> sort) {
            Comparator<Object> order = (a, b) -> 0;
            for (SortKey key : sort) {
                int at = index(key.column());
                Comparator<Object> one = (a, b) -> {
                    Comparable x = (Comparable) get(a, at);
                    Object y = get(b, at);
                    return x == null || y == null ? (x == null ? (y == null ? 0 : -1) : 1) : x.compareTo(y);
                };
                order = order.thenComparing(key.ascending() ? one : one.reversed());
            }
            return order;
        }

        String describe(Object record, List<String> columns) {
            return describe(record, columns.toArray(String[]::new));
        }

        String describe(Object record, String[] columns) {
            StringBuilder text = new StringBuilder();
            for (String column : columns) {
                if (text.length() > 0) {
                    text.append(", ");
                }
                text.append(column).append('=').append(get(record, index(column)));
            }
            return text.toString();
        }

        /**
         * One call's records as columns: primitive components in primitive arrays (no boxing), the others
         * in object arrays. Each record is read once, all its components together.
         */
        Columns columns(List<Object> records) {
            int height = records.size();
            Object[] arrays = new Object[names.length];
            for (int c = 0; c < names.length; c++) {
                arrays[c] = ComponentReader.column(types[c], height);
            }
            for (int r = 0; r < height; r++) {
                Object record = records.get(r);
                if (!type.isInstance(record)) {
                    throw new IllegalArgumentException("the function returned " + (record == null ? "null"
                            : "a " + record.getClass().getName()) + " where its output type says " + type.getSimpleName());
                }
                reader.readInto(record, arrays, r);
            }
            return new Columns(height, arrays);
        }

        /** The calls' columns end to end, in the calls' order. */
        DataFrame toDataFrame(List<Columns> chunks) {
            int height = 0;
            for (Columns chunk : chunks) {
                height += chunk.height();
            }
            Series<?>[] series = new Series<?>[names.length];
            for (int c = 0; c < names.length; c++) {
                Object whole = ComponentReader.column(types[c], height);
                int at = 0;
                for (Columns chunk : chunks) {
                    System.arraycopy(chunk.arrays()[c], 0, whole, at, chunk.height());
                    at += chunk.height();
                }
                series[c] = whole instanceof long[] values ? Series.ofLong(values) : whole instanceof int[] values ? Series.ofInt(values)
                        : whole instanceof double[] values ? Series.ofDouble(values) : Series.of((Object[]) whole);
            }
            return DataFrame.byColumn(Index.of(names)).of(series);
        }
    }

    /** One call's output: {@code height} rows in one array per column (long[], int[], double[] or Object[]). */
    private record Columns(int height, Object[] arrays) {
    }
}
