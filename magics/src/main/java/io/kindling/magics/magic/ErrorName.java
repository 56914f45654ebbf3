package io.kindling.magics.magic;

/**
 * Every error name Kindling's magics give a failure, in Trino's {@code UPPER_SNAKE} convention, so a
 * notebook shows one style whichever engine failed. Names that come from an engine itself (Trino's
 * {@code COLUMN_NOT_FOUND}, Spark's error classes) pass through unchanged instead:
 * {@link MagicError#engine}.
 */
public enum ErrorName {
    // Settings: the profiles file and the environment.
    /** A profiles-file section or key is wrong; the message names the file, key and line. */
    BAD_PROFILE,
    /** No profile of the asked kind is configured. */
    NO_PROFILE,
    /** A secret the profile points at (environment variable, file) is not there. */
    MISSING_SECRET,

    // SQL text and parameters.
    /** {@code {name}} names no notebook variable. */
    UNKNOWN_VARIABLE,
    /** {@code {name}} is an empty collection, and SQL has no empty IN list. */
    EMPTY_PARAMETER,
    /** {@code {name:identifier}} holds something that is no identifier. */
    BAD_IDENTIFIER,

    // Results.
    /** A result is too big to become a notebook table. */
    TOO_MANY_ROWS,
    /** A table value cannot be converted between table kinds. */
    UNSUPPORTED_TYPE,
    /** No notebook table has the name asked for. */
    UNKNOWN_TABLE,
    /** A table's location holds no data files, or cannot be read. */
    NO_TABLE_FILES,
    /** A result's output location exists and the cell did not ask to overwrite it. */
    OUTPUT_EXISTS,
    /** A result's output location cannot be written (permissions, file system, not reachable by executors). */
    OUTPUT_UNWRITABLE,

    // Reaching servers.
    CONNECTION_REFUSED,
    UNKNOWN_HOST,
    TIMEOUT,
    AUTHENTICATION_FAILED,
    /** A server failed in a way it did not name. */
    SERVER_ERROR,
    /** The Hive metastore (local service or remote) cannot be reached or started. */
    METASTORE_UNAVAILABLE,

    // Spark clusters.
    CLUSTER_RUNNING,
    CLUSTER_START_FAILED,
    CLUSTER_START_TIMEOUT,
    NO_KUBERNETES,
    NO_EXECUTOR_IMAGE,
    KUBERNETES_FORBIDDEN,
    KUBERNETES_UNREACHABLE,
    KUBERNETES_ERROR,
    EXECUTOR_IMAGE_FAILED,
    EXECUTORS_FAILED,
    PODS_NOT_RELEASED,
    INTERRUPTED
}
