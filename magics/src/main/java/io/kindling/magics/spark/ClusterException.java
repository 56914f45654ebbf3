package io.kindling.magics.spark;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.util.List;

/**
 * A Spark cluster could not start, or could not be released, for a reason the message explains
 * (API server unreachable, RBAC, image pull, pods stuck Pending, bad settings).
 */
public final class ClusterException extends MagicError {
    private static final long serialVersionUID = 1L;

    public ClusterException(ErrorName errorName, String message, List<String> details, Throwable cause) {
        super(errorName, message, details, cause);
    }

    public ClusterException(ErrorName errorName, String message) {
        this(errorName, message, List.of(), null);
    }
}
