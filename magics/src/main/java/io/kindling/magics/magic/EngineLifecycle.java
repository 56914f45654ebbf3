package io.kindling.magics.magic;

import java.nio.file.Path;

/**
 * What an engine needs to hear of the kernel's life, so the kernel can serve every engine without
 * naming any: a cell starts and ends (to show its work's progress there and cancel it on interrupt),
 * a jar joins the notebook's class path, the kernel shuts down. Every method has a do-nothing default.
 * <pre>{@code
 * EngineLifecycle engine = new EngineLifecycle() {
 *     public CellAttachment cellStarted(MagicContext cell) {
 *         var cancel = cell.cancellation().onCancel(jobs::cancelAll);
 *         return cancel::close;
 *     }
 * };
 * try (var attached = engine.cellStarted(context)) {
 *     // run the cell
 * }
 * }</pre>
 */
public interface EngineLifecycle {

    /**
     * A cell starts running. Work the engine does meanwhile (e.g. Spark jobs from Java code) may show
     * progress through {@code cell} and must stop when its cancellation fires.
     *
     * @return closed when the cell ends, whatever happened in it
     */
    default CellAttachment cellStarted(MagicContext cell) {
        return CellAttachment.NONE;
    }

    /** A jar was added to the notebook's class path ({@code %maven}, {@code %jars}). */
    default void jarAdded(Path jar) {
    }

    /** The kernel shuts down: release everything (clusters, connections) and return when it is released. */
    default void shutdown() {
    }

    /** Ends an engine's part in one cell. */
    @FunctionalInterface
    interface CellAttachment extends AutoCloseable {
        CellAttachment NONE = () -> { };

        @Override
        void close();
    }
}
