package io.kindling.magics.transform;

import io.kindling.magics.table.RecordRows;
import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
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
        Class<?> type = in.record().get();
        for (Object item : list) {
            if (item == null || item.getClass() != type) {
                return false;
            }
        }
        return true;
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
        Map<String, Object> params = options.params();
        Class<?> outType = out == null ? null : out.record().get();
        List<List<Object>> parts = engine.parts((List<Object>) input, key, inputs.order(spec.presort()), spec);
        List<Object> results = engine.run(parts, (part, name) -> {
            String group = spec.perGroup() ? inputs.describe(part.get(0), spec.keys()) : name;
            try {
                Object result = function.invoke(wrap(in.container(), part), params);
                return out == null ? List.of() : drain(result, out.container(), outType);
            } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
                throw new FunctionFailure(group, inputs.describe(part.get(0), inputs.names), e);
            }
        });
        return out == null ? null : Accessors.of(outType).toDataFrame(results);
    }

    private static Object wrap(Shape.Container container, List<Object> part) {
        return switch (container) {
            case LIST, ITERABLE -> part;
            case ITERATOR -> part.iterator();
            case STREAM -> part.stream();
            case DATAFRAME -> throw new IllegalStateException("not a record shape");
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Object> drain(Object result, Shape.Container container, Class<?> type) {
        if (result == null) {
            return List.of();
        }
        if (result instanceof List<?> list && container != Shape.Container.ITERATOR && container != Shape.Container.STREAM) {
            // The function's own list is the output: checked, not copied.
            for (Object item : list) {
                check(item, type);
            }
            return (List<Object>) list;
        }
        Iterator<?> items = switch (container) {
            case LIST, ITERABLE -> ((Iterable<?>) result).iterator();
            case ITERATOR -> (Iterator<?>) result;
            case STREAM -> ((Stream<?>) result).iterator();
            case DATAFRAME -> throw new IllegalStateException("not a record shape");
        };
        List<Object> drained = new ArrayList<>();
        while (items.hasNext()) {
            Object item = items.next();
            check(item, type);
            drained.add(item);
        }
        return drained;
    }

    private static void check(Object item, Class<?> type) {
        if (!type.isInstance(item)) {
            throw new IllegalArgumentException("the function returned " + (item == null ? "null" : "a " + item.getClass().getName())
                    + " where its output type says " + type.getSimpleName());
        }
    }

    /** A record class's component accessors as method handles, looked up once per call. */
    private static final class Accessors {
        private final String[] names;
        private final Class<?>[] types;
        private final MethodHandle[] boxed;
        private final MethodHandle[] raw;

        private Accessors(String[] names, Class<?>[] types, MethodHandle[] boxed, MethodHandle[] raw) {
            this.names = names;
            this.types = types;
            this.boxed = boxed;
            this.raw = raw;
        }

        static Accessors of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Class<?>[] types = new Class<?>[components.length];
            MethodHandle[] boxed = new MethodHandle[components.length];
            MethodHandle[] raw = new MethodHandle[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = components[i].getType();
                try {
                    Method accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    MethodHandle handle = MethodHandles.lookup().unreflect(accessor);
                    boxed[i] = handle.asType(MethodType.methodType(Object.class, Object.class));
                    raw[i] = handle.asType(MethodType.methodType(types[i], Object.class));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + names[i], e);
                }
            }
            return new Accessors(names, types, boxed, raw);
        }

        Object get(Object record, int component) {
            try {
                return (Object) boxed[component].invokeExact(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
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

        /** Primitive components as primitive columns (no boxing), the others as object columns. */
        DataFrame toDataFrame(List<Object> records) {
            int height = records.size();
            Series<?>[] columns = new Series<?>[names.length];
            try {
                for (int c = 0; c < names.length; c++) {
                    MethodHandle read = raw[c];
                    if (types[c] == long.class) {
                        long[] values = new long[height];
                        for (int r = 0; r < height; r++) {
                            values[r] = (long) read.invokeExact(records.get(r));
                        }
                        columns[c] = Series.ofLong(values);
                    } else if (types[c] == int.class) {
                        int[] values = new int[height];
                        for (int r = 0; r < height; r++) {
                            values[r] = (int) read.invokeExact(records.get(r));
                        }
                        columns[c] = Series.ofInt(values);
                    } else if (types[c] == double.class) {
                        double[] values = new double[height];
                        for (int r = 0; r < height; r++) {
                            values[r] = (double) read.invokeExact(records.get(r));
                        }
                        columns[c] = Series.ofDouble(values);
                    } else {
                        Object[] values = new Object[height];
                        for (int r = 0; r < height; r++) {
                            values[r] = get(records.get(r), c);
                        }
                        columns[c] = Series.of(values);
                    }
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            return DataFrame.byColumn(Index.of(names)).of(columns);
        }
    }
}
