package io.kindling.magics.hive;

import org.apache.hadoop.fs.RawLocalFileSystem;

import java.net.URI;

/**
 * This machine's disk under the {@code local:} scheme, the one Trino's own local file system reads
 * ({@code fs.native-local.enabled}). The local metastore shows its tables at {@code local:///…} locations
 * ({@link LocalLocations}) so that the local Trino reads the same tables from the same files as Spark; Spark, the
 * metastore and executors then read and write them through this class, which Hadoop finds by its scheme
 * ({@code META-INF/services}). Paths are those of {@code file:}.
 * <pre>
 * spark.read().parquet("local:///home/alice/.kindling/hive/warehouse/demo.db/rides")
 * </pre>
 */
public final class LocalSchemeFileSystem extends RawLocalFileSystem {
    /** The scheme, as Trino writes it. */
    public static final String SCHEME = "local";
    private static final URI ROOT = URI.create(SCHEME + ":///");

    @Override
    public URI getUri() {
        return ROOT;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
