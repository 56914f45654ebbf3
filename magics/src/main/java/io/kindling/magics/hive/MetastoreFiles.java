package io.kindling.magics.hive;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Where the local metastore service keeps everything, in one directory ({@code ~/.kindling/hive} by
 * default): its Derby database, the warehouse, its log, and the address file that says where it listens.
 */
record MetastoreFiles(Path home) {
    MetastoreFiles {
        requireNonNull(home, "home is null");
    }

    Path database() {
        return home.resolve("metastore_db");
    }

    Path warehouse() {
        return home.resolve("warehouse");
    }

    /** {@code <port> <pid>}, written once the service listens; kept after it stops, for the next start's port. */
    Path address() {
        return home.resolve("metastore.address");
    }

    Path log() {
        return home.resolve("metastore.log");
    }

    /** Held while one kernel checks or starts the service, so two kernels never start two. */
    Path lock() {
        return home.resolve("metastore.lock");
    }
}
