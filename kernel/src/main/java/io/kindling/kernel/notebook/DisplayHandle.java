package io.kindling.kernel.notebook;

/**
 * An output shown by {@code display(...)} that can be replaced in place later, even from another cell:
 * <pre>{@code
 * var status = display("starting");
 * status.update("done");
 * }</pre>
 */
public interface DisplayHandle {
    /** The Jupyter display id. */
    String id();

    /** Replaces what this output shows with {@code value}, rendered like {@code display(value)}. */
    void update(Object value);
}
