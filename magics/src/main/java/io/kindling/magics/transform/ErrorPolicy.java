package io.kindling.magics.transform;

/** What {@code onError(...)} does with a group whose function throws. */
public enum ErrorPolicy {
    /** The call fails, naming the group, its first row and the function's frames. The default. */
    FAIL,
    /** The other groups finish; the call returns a {@link TransformOutcome} with the failed groups. */
    COLLECT
}
