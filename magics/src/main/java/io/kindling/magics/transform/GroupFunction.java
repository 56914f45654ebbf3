package io.kindling.magics.transform;

import java.io.Serializable;

/**
 * The user's logic for one group (or one partition): input and output in the shapes named with
 * {@link Transforms#listOf} and friends. Serializable, so a lambda written in a cell ships to Spark's
 * executors; it may throw checked exceptions, which are reported with the group they failed on.
 */
@FunctionalInterface
public interface GroupFunction<I, O> extends Serializable {
    O apply(I group) throws Exception;
}
