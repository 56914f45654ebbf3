package io.kindling.kernel.session;

import io.kindling.magics.magic.EngineLifecycle;
import io.kindling.magics.magic.MagicContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engines of one kernel run, told of the kernel's life in one place so the protocol side names
 * none of them. One engine's failure never keeps the others from hearing.
 */
public final class Engines {
    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

    private final List<EngineLifecycle> engines;

    public Engines(List<EngineLifecycle> engines) {
        this.engines = List.copyOf(engines);
    }

    /** A cell starts; closing the result tells every engine it ended, in reverse order. */
    public EngineLifecycle.CellAttachment cellStarted(MagicContext cell) {
        List<EngineLifecycle.CellAttachment> attached = new ArrayList<>();
        try {
            for (EngineLifecycle engine : engines) {
                attached.add(engine.cellStarted(cell));
            }
        } catch (RuntimeException e) {
            closeAll(attached);
            throw e;
        }
        return () -> closeAll(attached);
    }

    public void jarAdded(Path jar) {
        for (EngineLifecycle engine : engines) {
            try {
                engine.jarAdded(jar);
            } catch (RuntimeException e) {
                LOG.warn("{} could not take the jar {}", engine, jar, e);
            }
        }
    }

    /** Releases every engine, each even when another failed; returns when all are released. */
    public void shutdown() {
        for (EngineLifecycle engine : engines) {
            try {
                engine.shutdown();
            } catch (RuntimeException e) {
                LOG.error("Releasing {} at shutdown failed", engine, e);
            }
        }
    }

    private static void closeAll(List<EngineLifecycle.CellAttachment> attached) {
        for (int i = attached.size() - 1; i >= 0; i--) {
            try {
                attached.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("Ending an engine's part in a cell failed", e);
            }
        }
    }
}
