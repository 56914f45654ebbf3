package io.kindling.kernel.session;

import io.kindling.magics.fsql.ClusterOutputs;
import io.kindling.magics.hive.HiveOutputs;
import io.kindling.magics.hive.HiveProfile;
import io.kindling.magics.hive.HiveProfiles;
import org.apache.spark.sql.SparkSession;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * {@code %%fsql}'s files from Kubernetes executors go where {@code %%hive} results of clusters go: under the
 * {@code output:} base of the hive profile the notebook's sessions use, deleted at shutdown with the {@code %%hive} results; or into the
 * kernel's own directory when the profile declares {@code shared_output: true} (a mount the executors share).
 */
final class HiveClusterOutputs implements ClusterOutputs {
    private final Supplier<HiveProfiles> profiles;
    private final HiveOutputs outputs;
    private final Path local;

    /** @param local the kernel's directory for {@code %%fsql} results, deleted at exit */
    HiveClusterOutputs(Supplier<HiveProfiles> profiles, HiveOutputs outputs, Path local) {
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
        this.local = requireNonNull(local, "local is null");
    }

    /** The profile of the notebook's Spark sessions: the default one, unless that is a HiveServer2's. */
    private HiveProfile profile() {
        return profiles.get().forSessions();
    }

    @Override
    public Optional<URI> base() {
        HiveProfile profile = profile();
        return profile.output().or(() -> profile.sharedOutput() ? Optional.of(local.toUri()) : Optional.empty());
    }

    @Override
    public String howToConfigure() {
        return "set output: to a shared file system (s3a://, hdfs://) in the hive profile '" + profile().name()
                + "', or shared_output: true when the executors share this machine's disk";
    }

    @Override
    public void deleteAtShutdown(URI location, SparkSession session) {
        if (!location.toString().startsWith(local.toUri().toString())) {
            outputs.deleteAtShutdown(location, session.sparkContext().hadoopConfiguration());
        }
    }
}
