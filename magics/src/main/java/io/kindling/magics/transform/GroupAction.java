package io.kindling.magics.transform;

import java.io.Serializable;

/** The user's logic for one group in {@link Transforms#outTransform}: it writes, sends or prints, and returns nothing. */
@FunctionalInterface
public interface GroupAction<I> extends Serializable {
    void accept(I group) throws Exception;
}
