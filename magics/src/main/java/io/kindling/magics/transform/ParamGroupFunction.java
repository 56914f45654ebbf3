package io.kindling.magics.transform;

import java.io.Serializable;
import java.util.Map;

/** A {@link GroupFunction} that also receives the call's {@link Transforms#params}. */
@FunctionalInterface
public interface ParamGroupFunction<I, O> extends Serializable {
    O apply(I group, Map<String, Object> params) throws Exception;
}
