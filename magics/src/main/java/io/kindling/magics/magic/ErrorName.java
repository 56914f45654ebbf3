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
    /** A result's output location cannot be written (no space, no permission, a file system executors cannot reach). */
    OUTPUT_UNWRITABLE,

    // SQL a server rejected or failed (engines that name their errors themselves, like Trino, pass theirs through).
    /** The server could not parse the statement. */
    SYNTAX_ERROR,
    /** The statement names a table or view the server does not know. */
    TABLE_NOT_FOUND,
    /** The statement names a column the server cannot resolve. */
    COLUMN_NOT_FOUND,
    /** The server rejected the statement while analysing it, for another reason (types, functions, partitions...). */
    SEMANTIC_ERROR,
    /** The statement was accepted but failed while running (e.g. a failed MapReduce, Tez or Spark task). */
    QUERY_FAILED,

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
    /** The user interrupted the cell and the work stopped (executors released, a statement cancelled on its server). */
    INTERRUPTED,

    // transform / outTransform.
    /** The function's declared input type does not fit the input's columns (a missing column, another type). */
    TYPE_MISMATCH,
    /** A schema string is malformed or names a column the input lacks; the message gives the position. */
    BAD_SCHEMA,
    /** A partition option (keys, presort, num, algorithm) is malformed or names a column the input lacks. */
    BAD_PARTITION_SPEC,
    /** The input is of a kind transform cannot read, or cannot read where it was asked to run. */
    UNSUPPORTED_INPUT,
    /** The user's function threw; the message names the group, its first row and the function's own frames. */
    FUNCTION_FAILED
}
