package io.kindling.kernel.memory;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roughly how much heap an object graph holds, cheaply enough to run right after a memory error: a
 * walk over at most a few thousand objects, reading a sample of every large array and scaling it up,
 * so a {@code long[100000][100000]} costs as much to estimate as a {@code long[64][100000]}. Shared
 * objects are counted once; what cannot be read (a JDK class not opened to us) counts shallow.
 */
final class SizeEstimate {
    private static final int HEADER = 16;
    private static final int REFERENCE = 4;
    private static final int SAMPLE = 1024;
    private static final int MAX_OBJECTS = 5_000;

    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Class<?>, List<Field>> fields = new HashMap<>();
    private int visited;

    /** The estimated bytes {@code root} holds, in this estimate's walk (objects seen earlier count zero). */
    long of(Object root) {
        return walk(root, 0);
    }

    private long walk(Object object, int depth) {
        if (object == null || visited >= MAX_OBJECTS || !seen.add(object)) {
            return 0;
        }
        visited++;
        Class<?> type = object.getClass();
        if (type.isArray()) {
            return array(object, type.getComponentType(), depth);
        }
        long size = HEADER;
        List<Object> children = new ArrayList<>();
        for (Field field : fieldsOf(type)) {
            size += width(field.getType());
            if (!field.getType().isPrimitive()) {
                try {
                    children.add(field.get(object));
                } catch (IllegalAccessException e) {
                    // Counted shallow.
                }
            }
        }
        if (depth < 12) {
            for (Object child : children) {
                size += walk(child, depth + 1);
            }
        }
        return size;
    }

    private long array(Object array, Class<?> component, int depth) {
        int length = Array.getLength(array);
        long size = align(HEADER + (long) length * width(component));
        if (component.isPrimitive() || length == 0 || depth >= 12) {
            return size;
        }
        int step = Math.max(1, length / SAMPLE);
        long sampled = 0;
        int read = 0;
        boolean repeats = false;
        for (int i = 0; i < length; i += step) {
            Object element = Array.get(array, i);
            repeats |= element != null && seen.contains(element);
            sampled += walk(element, depth + 1);
            read++;
        }
        // Samples that meet again mean few distinct elements, all likely met already: scaling up would count them many times.
        return size + (repeats ? sampled : sampled * length / read);
    }

    private List<Field> fieldsOf(Class<?> type) {
        return fields.computeIfAbsent(type, t -> {
            List<Field> all = new ArrayList<>();
            Deque<Class<?>> classes = new ArrayDeque<>();
            for (Class<?> c = t; c != null; c = c.getSuperclass()) {
                classes.push(c);
            }
            for (Class<?> c : classes) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        // An inaccessible field still takes its width; get() then fails and it counts shallow.
                        trySetAccessible(field);
                        all.add(field);
                    }
                }
            }
            return all;
        });
    }

    private static void trySetAccessible(Field field) {
        try {
            field.trySetAccessible();
        } catch (SecurityException e) {
            // Counted shallow.
        }
    }

    private static int width(Class<?> type) {
        if (!type.isPrimitive()) {
            return REFERENCE;
        }
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        return type == short.class || type == char.class ? 2 : 1;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
