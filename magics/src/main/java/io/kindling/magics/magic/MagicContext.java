package io.kindling.magics.magic;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the kernel lends a running magic. Everything a magic needs from the notebook goes through
 * here, so magics stay free of Jupyter and JShell types and can be tested with a plain implementation.
 */
public interface MagicContext {

    /**
     * Makes {@code value} a notebook variable named {@code name}, declared as {@code type}, replacing
     * any earlier variable of that name.
     */
    <T> void bind(String name, T value, Class<T> type);

    /**
     * Like {@link #bind(String, Object, Class)} for a type with type arguments, written as in Java
     * source, e.g. {@code "org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>"}.
     *
     * @throws IllegalArgumentException if {@code value} is not of {@code javaType}'s class
     */
    void bindAs(String name, Object value, String javaType);

    /** The execution count of the running cell, as the notebook shows it: {@code [12]}. */
    int cellNumber();

    /** The current value of the notebook variable {@code name}, if one is defined. */
    Optional<Object> lookup(String name);

    /**
     * The notebook's top-level methods named {@code name}, declared in a cell, newest declaration first; none
     * when the kernel has no cells (the default). A magic calls one as a function, e.g. {@code %%fsql}'s
     * {@code TRANSFORM ... USING score} after a cell declared it:
     * <pre>{@code
     * List<Scored> score(List<Ride> rides) { ... }
     * }</pre>
     */
    default List<Method> methods(String name) {
        return List.of();
    }

    /**
     * The declared type of a notebook variable, type arguments included, which its value may have lost (a lambda's
     * class does not say what it maps). {@code TRANSFORM ... USING score} after a cell declared
     * <pre>{@code
     * GroupFunction<List<Ride>, List<Scored>> score = rides -> ...;
     * }</pre>
     * gets {@code GroupFunction<List<Ride>, List<Scored>>}.
     */
    default Optional<java.lang.reflect.Type> variableType(String name) {
        return Optional.empty();
    }

    /** The names of the notebook's variables, e.g. for "did you mean" hints. */
    Set<String> variableNames();

    /** Shows a value in the cell's output through the kernel's renderers. */
    void display(Object value);

    /** Starts a display area that can be replaced in place, e.g. a progress line. */
    LiveDisplay liveDisplay(Object initial);

    /** Signals that the user interrupted the cell. */
    Cancellation cancellation();

    /**
     * {@code text} (a Spark call site, a stack frame) with the kernel's names for cell code
     * ({@code $JShell$29.java:8}) replaced by the notebook's ({@code cell [12] line 3}).
     */
    default String nameCellCode(String text) {
        return text;
    }

    /** Text printed here appears in the cell's output as it is written. */
    PrintStream out();
}
