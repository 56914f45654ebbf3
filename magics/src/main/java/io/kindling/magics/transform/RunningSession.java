package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.SparkSession;

/** The notebook's running Spark session, for what needs Spark without an {@code on(...)}. */
final class RunningSession {
    private RunningSession() {
    }

    static SparkSession running(String what) {
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        if (running.isDefined()) {
            return running.get();
        }
        throw new MagicError(ErrorName.UNSUPPORTED_INPUT, what + ", and no Spark session is running;"
                + " pass on(Spark) for the notebook's session, or on(cluster) for a cluster's");
    }
}
