package io.kindling.magics.hive;

import io.kindling.magics.config.ProfileSection;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One {@code hive:} profile: where Hive SQL runs and where its metadata, tables and outputs live.
 * A profile with a {@code url} goes to a HiveServer2 over JDBC; any other runs on Spark.
 *
 * @param name          the profile's name ({@value HiveProfiles#LOCAL} is the built-in one)
 * @param metastore     a remote metastore ({@code thrift://host:9083,...}); empty means the local service
 * @param warehouse     where managed tables go; empty means the metastore's or the local service's
 * @param output        the base under which cells write their results; empty means a kernel temporary directory
 * @param sharedOutput  whether executors on Kubernetes can write to a {@code file:} output (a shared mount)
 * @param kubernetes    whether every cell gets a cluster of its own (else the notebook's session runs it)
 * @param conf          Spark settings of the Hive session, e.g. {@code spark.sql.shuffle.partitions}
 * @param jdbc          the profile's section when it names a HiveServer2 {@code url}
 */
public record HiveProfile(String name, Optional<String> metastore, Optional<URI> warehouse, Optional<URI> output,
                          boolean sharedOutput, boolean kubernetes, Map<String, String> conf, Optional<ProfileSection> jdbc) {
    public HiveProfile {
        requireNonNull(name, "name is null");
        requireNonNull(metastore, "metastore is null");
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(output, "output is null");
        conf = Map.copyOf(conf);
        requireNonNull(jdbc, "jdbc is null");
    }

    /** The built-in profile: the machine's local metastore service and warehouse, the notebook's Spark. */
    static HiveProfile local() {
        return new HiveProfile(HiveProfiles.LOCAL, Optional.empty(), Optional.empty(), Optional.empty(), false, false,
                Map.of(), Optional.empty());
    }

    /** Whether it goes to a HiveServer2 over JDBC rather than Spark. */
    public boolean isJdbc() {
        return jdbc.isPresent();
    }

    /** What a cell's lineage names as the source, e.g. {@code metastore thrift://host:9083 via prod} or {@code local metastore via local}. */
    String describe() {
        return (isJdbc() ? jdbc.get().text("url").orElse("HiveServer2") : metastore.map(m -> "metastore " + m).orElse("local metastore"))
                + " via " + name;
    }
}
