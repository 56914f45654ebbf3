package io.kindling.magics.transform;

import java.io.Serializable;
import java.util.Map;

/** A {@link GroupAction} that also receives the call's {@link Transforms#params}. */
@FunctionalInterface
public interface ParamGroupAction<I> extends Serializable {
    void accept(I group, Map<String, Object> params) throws Exception;
}
