package io.kindling.magics.hive;

import io.kindling.magics.magic.EngineLifecycle;
import io.kindling.magics.table.ResultLocations;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where {@code %%hive} results go when a cell does not say, and their cleanup: results written to a
 * temporary place are deleted when the kernel shuts down, unless the cell passed {@code --keep}.
 */
public final class HiveOutputs implements EngineLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(HiveOutputs.class);

    private final java.nio.file.Path temporary;
    private final java.nio.file.Path kept;
    private final List<Written> toDelete = new ArrayList<>();

    /**
     * @param temporary the kernel's own directory for results, deleted at exit
     * @param kept      where results kept past the kernel go when no output base is configured
     */
    public HiveOutputs(java.nio.file.Path temporary, java.nio.file.Path kept) {
        this.temporary = requireNonNull(temporary, "temporary is null");
        this.kept = requireNonNull(kept, "kept is null");
    }

    /** A fresh location for a result named {@code name}: under the profile's base, else local. */
    OutputLocation fresh(String name, int cell, Optional<URI> base, boolean keep) {
        URI parent = base.orElseGet(() -> (keep ? kept : temporary).toUri());
        return new OutputLocation(ResultLocations.fresh(parent, name, cell), false);
    }

    /** A result the kernel deletes at shutdown. */
    public synchronized void deleteAtShutdown(URI location, Configuration hadoop) {
        toDelete.add(new Written(location, hadoop));
    }

    @Override
    public synchronized void shutdown() {
        for (Written written : toDelete) {
            try {
                Path path = new Path(written.location());
                path.getFileSystem(written.hadoop()).delete(path, true);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not delete the %%hive result {}: {}", written.location(), e.toString());
            }
        }
        toDelete.clear();
    }

    private record Written(URI location, Configuration hadoop) {
    }
}
