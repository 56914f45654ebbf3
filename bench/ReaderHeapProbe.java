import io.kindling.magics.presto.TrinoTypes;
import io.kindling.magics.table.jdbc.ReadResult;
import io.kindling.magics.table.jdbc.ResultReader;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches a query with %%presto's own ResultReader in a JVM of a given -Xmx, so the benchmark can
 * find the smallest heap that holds the fetch: the peak of live data, which pool "peak usage" figures
 * (full of not-yet-collected garbage) cannot show. Prints "rows tableBytes"; with {@code --table-size},
 * tableBytes is the table's size as its object graph lays out in this JVM (column arrays, value
 * objects, headers), walked field by field (otherwise -1).
 * A heap difference around System.gc() would be simpler but is not exact under G1: an array of a
 * million references fills whole regions, and the same table measured 125 to 158 MiB that way.
 * Run: java -Xmx<N>m --add-opens java.base/java.lang=ALL-UNNAMED ... -cp 'kernel/target/kindling/lib/*'
 *      bench/ReaderHeapProbe.java URL SQL [--table-size]
 */
public class ReaderHeapProbe {
    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], "kindling-bench", null);
             Statement statement = connection.createStatement()) {
            ReadResult result;
            try (ResultSet rows = statement.executeQuery(args[1])) {
                result = new ResultReader(new TrinoTypes(), Integer.MAX_VALUE - 8).read(rows, count -> { });
            }
            // Walking the graph takes heap of its own: only when asked, never in the runs that look for the smallest heap.
            boolean measure = args.length > 2 && args[2].equals("--table-size");
            System.out.println(result.dataFrame().height() + " " + (measure ? new ObjectGraphSize().of(result.dataFrame()) : -1));
        }
    }

    /** Bytes an object graph takes with compressed references (the default below 32 GiB of heap). */
    static final class ObjectGraphSize {
        private static final int HEADER = 12;
        private static final int ARRAY_HEADER = 16;
        private static final int REFERENCE = 4;
        private final Map<Class<?>, List<Field>> fields = new ConcurrentHashMap<>();

        long of(Object root) {
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            Deque<Object> pending = new ArrayDeque<>();
            pending.push(root);
            long total = 0;
            while (!pending.isEmpty()) {
                Object object = pending.pop();
                if (object instanceof Class<?> || !seen.add(object)) {
                    continue;
                }
                Class<?> type = object.getClass();
                if (type.isArray()) {
                    int length = Array.getLength(object);
                    Class<?> component = type.getComponentType();
                    total += align(ARRAY_HEADER + (long) length * width(component));
                    if (!component.isPrimitive()) {
                        for (Object element : (Object[]) object) {
                            if (element != null) {
                                pending.push(element);
                            }
                        }
                    }
                    continue;
                }
                long size = HEADER;
                for (Field field : fieldsOf(type)) {
                    size += width(field.getType());
                    if (!field.getType().isPrimitive()) {
                        Object value = read(field, object);
                        if (value != null) {
                            pending.push(value);
                        }
                    }
                }
                total += align(size);
            }
            return total;
        }

        private List<Field> fieldsOf(Class<?> type) {
            return fields.computeIfAbsent(type, t -> {
                List<Field> all = new ArrayList<>();
                for (Class<?> c = t; c != null; c = c.getSuperclass()) {
                    for (Field field : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(field.getModifiers())) {
                            field.setAccessible(true);
                            all.add(field);
                        }
                    }
                }
                return all;
            });
        }

        private static Object read(Field field, Object object) {
            try {
                return field.get(object);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        private static int width(Class<?> type) {
            if (type == long.class || type == double.class) {
                return 8;
            }
            if (type == int.class || type == float.class) {
                return 4;
            }
            if (type == short.class || type == char.class) {
                return 2;
            }
            if (type == byte.class || type == boolean.class) {
                return 1;
            }
            return REFERENCE;
        }

        private static long align(long bytes) {
            return (bytes + 7) & ~7L;
        }
    }
}
