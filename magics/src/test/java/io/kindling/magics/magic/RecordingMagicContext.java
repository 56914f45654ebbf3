package io.kindling.magics.magic;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/**
 * A {@link MagicContext} for running a magic in a test, without a kernel: it keeps notebook variables
 * in a map (settable with {@link #set}), records every bind, display, live-display update and printed
 * line, and has a cancellation the test can trigger ({@link #cancel()}), from any thread.
 * <pre>{@code
 * RecordingMagicContext context = new RecordingMagicContext().set("region", 1L);
 * magic.run(arguments, "SELECT * FROM nation WHERE regionkey = {region}", context);
 * context.bindings().get(0).name();   // "_presto"
 * }</pre>
 */
public final class RecordingMagicContext implements MagicContext {

    /** One {@link MagicContext#bind} call, in order. */
    public record Binding(String name, Object value, String javaType) {
    }

    /** One {@link MagicContext#liveDisplay} area: what it showed first and each update after. */
    public static final class Live implements LiveDisplay {
        private final List<Object> shown = new CopyOnWriteArrayList<>();

        Live(Object initial) {
            shown.add(initial);
        }

        @Override
        public void update(Object value) {
            shown.add(value);
        }

        /** The initial value, then every update. */
        public List<Object> shown() {
            return List.copyOf(shown);
        }

        /** What the area shows now. */
        public Object current() {
            return shown.get(shown.size() - 1);
        }
    }

    // Variables may legitimately hold null, so a synchronized LinkedHashMap rather than Map.of/ConcurrentHashMap.
    private final Map<String, Object> variables = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Binding> bindings = new CopyOnWriteArrayList<>();
    private final List<java.lang.reflect.Method> methods = new CopyOnWriteArrayList<>();
    private final Map<String, java.lang.reflect.Type> types = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Object> displays = new CopyOnWriteArrayList<>();
    private final List<Live> liveDisplays = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final TriggeredCancellation cancellation = new TriggeredCancellation();

    /** Declares a top-level method, as a cell would; {@code method} must be static. */
    public RecordingMagicContext method(java.lang.reflect.Method method) {
        methods.add(requireNonNull(method, "method is null"));
        return this;
    }

    /** Defines the notebook variable {@code name} as declared with {@code type}, e.g. a static field's generic type. */
    public RecordingMagicContext set(String name, Object value, java.lang.reflect.Type type) {
        types.put(requireNonNull(name, "name is null"), requireNonNull(type, "type is null"));
        return set(name, value);
    }

    @Override
    public Optional<java.lang.reflect.Type> variableType(String name) {
        return Optional.ofNullable(types.get(name));
    }

    @Override
    public List<java.lang.reflect.Method> methods(String name) {
        return methods.stream().filter(m -> m.getName().equals(name)).toList();
    }

    /** Defines (or replaces) the notebook variable {@code name}; {@code value} may be null. */
    public RecordingMagicContext set(String name, Object value) {
        variables.put(requireNonNull(name, "name is null"), value);
        return this;
    }

    @Override
    public <T> void bind(String name, T value, Class<T> type) {
        bindAs(name, value, type.getCanonicalName());
    }

    @Override
    public void bindAs(String name, Object value, String javaType) {
        bindings.add(new Binding(name, value, javaType));
        variables.put(name, value);
    }

    /** The cell number magics see: always 1 here. */
    @Override
    public int cellNumber() {
        return 1;
    }

    @Override
    public Optional<Object> lookup(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    @Override
    public Set<String> variableNames() {
        synchronized (variables) {
            return Set.copyOf(variables.keySet());
        }
    }

    @Override
    public void display(Object value) {
        displays.add(value);
    }

    @Override
    public LiveDisplay liveDisplay(Object initial) {
        Live live = new Live(initial);
        liveDisplays.add(live);
        return live;
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public PrintStream out() {
        return out;
    }

    /** Interrupts the "cell": runs every registered cancel action once, as the kernel does on an interrupt. */
    public void cancel() {
        cancellation.trigger();
    }

    public List<Binding> bindings() {
        return List.copyOf(bindings);
    }

    public List<Object> displays() {
        return List.copyOf(displays);
    }

    public List<Live> liveDisplays() {
        return List.copyOf(liveDisplays);
    }

    /** Everything printed to {@link #out()} so far. */
    public String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static final class TriggeredCancellation implements Cancellation {
        private final List<Runnable> actions = new ArrayList<>();
        private boolean cancelled;

        @Override
        public synchronized boolean isCancelled() {
            return cancelled;
        }

        @Override
        public Registration onCancel(Runnable action) {
            requireNonNull(action, "action is null");
            synchronized (this) {
                if (!cancelled) {
                    actions.add(action);
                    return () -> {
                        synchronized (TriggeredCancellation.this) {
                            actions.remove(action);
                        }
                    };
                }
            }
            action.run();
            return () -> { };
        }

        void trigger() {
            List<Runnable> toRun;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                toRun = List.copyOf(actions);
                actions.clear();
            }
            toRun.forEach(Runnable::run);      // outside the lock: an action may block on the server
        }
    }
}
