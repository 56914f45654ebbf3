package io.kindling.magics.hive;

import io.kindling.magics.sql.SparkErrors;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * Says which metastore could not be reached when Spark's Hive client gives up (its own message names
 * neither the address nor the reason in the first line), so the user knows what to bring back.
 */
final class MetastoreFailures {
    private MetastoreFailures() {
    }

    /** {@code failure} as METASTORE_UNAVAILABLE when its cause is an unreachable metastore, else unchanged. */
    static MagicError explain(MagicError failure, SparkSession session) {
        if (!unreachable(failure)) {
            return failure;
        }
        String address = session.conf().get(HiveCatalog.METASTORE_URIS, "the configured metastore");
        Throwable root = SparkErrors.rootCause(failure);
        return new MagicError(ErrorName.METASTORE_UNAVAILABLE, "the Hive metastore at " + address + " cannot be reached: "
                + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                + "; the next %%hive cell tries again", List.of(), failure);
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (name.equals("org.apache.thrift.transport.TTransportException")
                    || message.contains("Unable to instantiate org.apache.hadoop.hive.ql.metadata.SessionHiveMetaStoreClient")
                    || message.contains("Could not connect to meta store")) {
                return true;
            }
        }
        return false;
    }
}
