package io.kindling.kernel.jshell;

import io.kindling.kernel.memory.HeapReserve;
import jdk.jshell.execution.DirectExecutionControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * Runs JShell snippets inside the kernel's JVM, so cell values are real objects the kernel and the
 * magics can read. Each snippet runs on its own thread in its own thread group, which is what lets an
 * interrupt stop the cell's work (JShell's stock local engine can leave a stopped loop spinning).
 * Class bytes pass through {@link ExitCallRewriter} so {@code System.exit} in a cell cannot kill the kernel;
 * JShell's own bytes are first written out by {@link ExecutorClassExport} for Spark executors.
 */
final class CellExecutionControl extends DirectExecutionControl {
    private static final Logger LOG = LoggerFactory.getLogger(CellExecutionControl.class);
    /** What {@code invoke} reports back to JShell; the real value is kept in {@link #lastValue}. */
    private static final String VALUE_KEPT = "<value kept by the kernel>";

    private final AtomicReference<Object> lastValue = new AtomicReference<>();
    /** What the last snippet threw, as thrown: JShell passes on only its class name, message and frames. */
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
    private final AtomicReference<ThreadGroup> running = new AtomicReference<>();
    private final ClassLoader cellLoader;
    private final ExecutorClassExport export;
    private final HeapReserve reserve;
    /** JShell's wrapper classes in the order they were loaded: they hold the notebook's variables. */
    private final List<String> wrappers = new CopyOnWriteArrayList<>();
    private volatile boolean stopRequested;
    private volatile boolean stoppedForMemory;
    /** Whether the cell's own memory error spent a block of the reserve (it may race the heap watch's stop). */
    private volatile boolean reserveSpent;
    /** Where the cell's thread was when it was stopped for memory (its ThreadDeath has the stopper's frames). */
    private volatile StackTraceElement[] stoppedAt = new StackTraceElement[0];
    private final AtomicReference<Thread> cellThread = new AtomicReference<>();
    private volatile BooleanSupplier cellCancelled = () -> false;
    private final AtomicBoolean stopped = new AtomicBoolean();

    CellExecutionControl(ExecutorClassExport export, HeapReserve reserve) {
        this.export = requireNonNull(export, "export is null");
        this.reserve = requireNonNull(reserve, "reserve is null");
        // The default loader delegate makes JShell's class loader the current thread's context loader.
        this.cellLoader = Thread.currentThread().getContextClassLoader();
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        for (ClassBytecodes c : classes) {
            if (ExecutorVariableRewriter.isWrapper(c.name().replace('.', '/'))) {
                wrappers.add(c.name());
            }
            try {
                export.export(c.name(), c.bytecodes());
            } catch (IOException | RuntimeException e) {
                // The cell must still run in the kernel; only Spark executors will miss this class.
                // (JShell would swallow a ClassInstallException's message, so failing the load helps nobody.)
                LOG.warn("Could not write class {} for Spark executors", c.name(), e);
            }
        }
        super.load(Arrays.stream(classes)
                .map(c -> new ClassBytecodes(c.name(), ExitCallRewriter.rewrite(c.bytecodes())))
                .toArray(ClassBytecodes[]::new));
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue.set(null);
        lastFailure.set(null);
        stopRequested = false;
        stoppedForMemory = false;
        reserveSpent = false;
        ThreadGroup group = new ThreadGroup("kindling-cell");
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread cell = new Thread(group, () -> {
            try {
                result[0] = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                failure[0] = spendReserveIfOutOfMemory(e.getCause());
            } catch (Throwable e) {
                failure[0] = spendReserveIfOutOfMemory(e);
            }
        }, "kindling-cell");
        cell.setContextClassLoader(cellLoader);
        cellThread.set(cell);
        running.set(group);
        try {
            // An interrupt that came before the group existed had nothing to stop: honour it here.
            if (cellCancelled.getAsBoolean()) {
                stopped.set(true);
                throw new StoppedException();
            }
            cell.start();
            if (stopRequested) {
                // A stop between running.set and start found no thread in the group: stop the started one.
                stop();
            }
            cell.join();
        } finally {
            running.set(null);
            cellThread.set(null);
        }
        if (reserveSpent) {
            // The cell failed at the limit even if the watch's stop came too: the report must say a block is gone.
            if (!(failure[0] instanceof OutOfMemoryError)) {
                failure[0] = new OutOfMemoryError(HeapReserve.FULL_HEAP);
            }
        } else if (stoppedForMemory) {
            reserve.stoppedNearLimit();
            NearHeapLimit nearLimit = new NearHeapLimit();
            nearLimit.setStackTrace(stoppedAt);
            failure[0] = nearLimit;
        } else if (stopRequested) {
            stopped.set(true);
            throw new StoppedException();
        }
        if (failure[0] != null) {
            lastFailure.set(failure[0]);
            // JShell turns an InvocationTargetException's cause into the snippet's exception.
            throw new InvocationTargetException(failure[0]);
        }
        lastValue.set(result[0]);
        return VALUE_KEPT;
    }

    /** Before anything else allocates: the heap is full, and the kernel's threads need room to go on. */
    private Throwable spendReserveIfOutOfMemory(Throwable thrown) {
        if (HeapReserve.meansFullHeap(thrown)) {
            running.set(null);
            reserveSpent = true;
            reserve.outOfMemory();
        }
        return thrown;
    }

    /**
     * Stops the running cell: every thread the cell started in its group gets {@link ThreadDeath}.
     * {@code Thread.stop} is deprecated because it can leave shared state half-updated; for a user's
     * runaway cell that is the lesser evil, and it is what makes the work actually stop.
     */
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop() {
        ThreadGroup group = running.get();
        if (group == null) {
            return;
        }
        stopRequested = true;
        try {
            group.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20+ removed Thread.stop; interrupt is the best left there.
            group.interrupt();
        }
    }

    /**
     * Stops the running cell because the heap stays nearly full: the cell then fails with a {@link
     * NearHeapLimit}, not as interrupted. Between cells there is nothing to stop.
     */
    void stopForMemory() {
        Thread cell = cellThread.get();
        // Several notices may come for one full heap: the first one says where the cell was.
        if (running.get() != null && cell != null && !stoppedForMemory) {
            stoppedAt = cell.getStackTrace();
            stoppedForMemory = true;
            stop();
        }
    }

    /** What a cell stopped by {@link #stopForMemory()} failed with. */
    static final class NearHeapLimit extends OutOfMemoryError {
        private static final long serialVersionUID = 1L;

        NearHeapLimit() {
            super("the heap stayed nearly full after garbage collection");
        }
    }

    /**
     * The current value of a notebook variable, which JShell keeps in a static field of the wrapper class
     * its cell was compiled into. The request comes from Spark executors, so only variables that code
     * shipped to them reads are answered.
     */
    Object readVariable(String wrapperClass, String variable) throws ReflectiveOperationException {
        if (!ExecutorVariableRewriter.isWrapper(wrapperClass.replace('.', '/'))) {
            throw new ClassNotFoundException(wrapperClass + " is not a class of notebook variables");
        }
        if (!export.isReadByShippedCode(wrapperClass, variable)) {
            throw new NoSuchFieldException(wrapperClass + "." + variable + " is read by no code shipped to executors");
        }
        Field field = findClass(wrapperClass).getDeclaredField(variable);
        if (!Modifier.isStatic(field.getModifiers())) {
            throw new NoSuchFieldException(wrapperClass + "." + variable + " is not a notebook variable");
        }
        field.setAccessible(true);
        return field.get(null);
    }

    /**
     * The notebook's variables by name and their current values, newest declaration first, read from the
     * wrapper classes' static fields without compiling anything (this runs when the heap is nearly full).
     */
    Map<String, Object> variableValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        newestWrappersFirst(wrapper -> {
            for (Field field : wrapper.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && !field.isSynthetic() && !values.containsKey(field.getName())
                        && field.trySetAccessible()) {
                    values.put(field.getName(), field.get(null));
                }
            }
            return false;
        });
        return values;
    }

    /**
     * The static methods named {@code name} that cells declared, newest declaration first (an older one with the
     * same parameter types was replaced by it), read from the wrapper classes without compiling anything.
     */
    List<Method> methods(String name) {
        List<Method> found = new ArrayList<>();
        newestWrappersFirst(wrapper -> {
            for (Method method : wrapper.getDeclaredMethods()) {
                if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers()) && !method.isSynthetic()
                        && found.stream().noneMatch(m -> Arrays.equals(m.getParameterTypes(), method.getParameterTypes()))) {
                    found.add(method);
                }
            }
            return false;
        });
        return found;
    }

    /**
     * The declared type of the notebook variable {@code name}, type arguments included, from its newest wrapper
     * class's field: a lambda's own class has lost them, the field has not.
     */
    Optional<Type> variableType(String name) {
        List<Type> found = new ArrayList<>(1);
        newestWrappersFirst(wrapper -> {
            for (Field field : wrapper.getDeclaredFields()) {
                if (field.getName().equals(name) && Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    return found.add(field.getGenericType());
                }
            }
            return false;
        });
        return found.stream().findFirst();
    }

    /** Reads one wrapper class; returns true when the search is over. */
    @FunctionalInterface
    private interface WrapperVisit {
        boolean visit(Class<?> wrapper) throws ReflectiveOperationException;
    }

    /** Visits the cells' wrapper classes, newest first, until a visit says it is done. */
    private void newestWrappersFirst(WrapperVisit visit) {
        List<String> loaded = List.copyOf(wrappers);
        for (int i = loaded.size() - 1; i >= 0; i--) {
            try {
                if (visit.visit(findClass(loaded.get(i)))) {
                    return;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // A wrapper that failed to load declares and holds nothing.
            }
        }
    }

    /** JShell's class loader, which cell code runs with as its context loader. */
    ClassLoader cellLoader() {
        return cellLoader;
    }

    /** Tells the control how to know that the running cell was interrupted. */
    void cancelledWhen(BooleanSupplier cancelled) {
        this.cellCancelled = cancelled;
    }

    /** The value the last snippet produced, if it ran to completion. */
    Optional<Object> takeLastValue() {
        return Optional.ofNullable(lastValue.getAndSet(null));
    }

    /** What the last snippet threw, if it threw. */
    Optional<Throwable> takeLastFailure() {
        return Optional.ofNullable(lastFailure.getAndSet(null));
    }

    /** Whether the last snippet was stopped by {@link #stop()}; JShell itself reports a stop as success. */
    boolean takeStopped() {
        return stopped.getAndSet(false);
    }

    boolean isRunning() {
        return running.get() != null;
    }
}
