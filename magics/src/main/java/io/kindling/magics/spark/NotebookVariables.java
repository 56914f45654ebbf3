package io.kindling.magics.spark;

/**
 * The kernel's notebook variables, read by name for Spark executors. A top-level variable such as
 * {@code long scale = 3;} is a static field of the JShell wrapper class the cell was compiled into, so
 * it is named by that class and the field.
 */
@FunctionalInterface
public interface NotebookVariables {
    /**
     * The variable's current value in the kernel, as code in the kernel would read it now.
     *
     * @param wrapperClass JShell's binary name of the wrapper class, e.g. {@code REPL.$JShell$12}
     * @param variable the variable's name
     * @throws ReflectiveOperationException when no such class or variable exists in this kernel
     */
    Object read(String wrapperClass, String variable) throws ReflectiveOperationException;
}
