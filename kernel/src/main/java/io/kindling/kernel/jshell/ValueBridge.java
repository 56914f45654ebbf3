package io.kindling.kernel.jshell;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands objects from the kernel to cell code. JShell snippets can reach kernel objects only through a
 * class, so this is the one static holder the kernel keeps: an entry lives from {@link #offer} until
 * the binding snippet {@link #take}s it, a few milliseconds later.
 */
public final class ValueBridge {
    private static final Map<String, Object> PENDING = new ConcurrentHashMap<>();

    private ValueBridge() {
    }

    static String offer(Object value) {
        String key = UUID.randomUUID().toString();
        PENDING.put(key, value == null ? NullValue.INSTANCE : value);
        return key;
    }

    static void discard(String key) {
        PENDING.remove(key);
    }

    /** Called by binding snippets the kernel generates. */
    public static Object take(String key) {
        Object value = PENDING.remove(key);
        if (value == null) {
            throw new NoSuchElementException("no pending value " + key);
        }
        return value == NullValue.INSTANCE ? null : value;
    }

    private enum NullValue { INSTANCE }
}
