package io.kindling.magics.transform;

import java.io.Serializable;
import java.util.Map;

/** Any of the user's function types, called the same way; made by {@link Transforms} around the user's lambda. */
@FunctionalInterface
interface Invoker extends Serializable {
    /** @return the function's output, or null for an action */
    Object invoke(Object group, Map<String, Object> params) throws Exception;
}
