package io.kindling.magics.fsql;

import io.kindling.magics.transform.GroupAction;
import io.kindling.magics.transform.GroupFunction;
import io.kindling.magics.transform.ParamGroupAction;
import io.kindling.magics.transform.ParamGroupFunction;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A top-level method of a notebook cell as the function {@code transform} calls per group. It travels to
 * Spark's tasks as names, not as a {@link Method} (which does not serialize) nor as {@code Class} objects (a
 * cell's class cannot be resolved while Spark deserializes a task), and is found again on first call through
 * the task's class loader, which serves the cells' classes.
 * <pre>{@code
 * // Java cell:  List<Scored> score(List<Ride> rides) { ... }
 * MethodCall call = new MethodCall(method);            // method: the cell's static score(List)
 * Object scored = call.apply(List.of(new Ride("north", 4.2)));
 * }</pre>
 */
final class MethodCall implements GroupFunction<Object, Object>, ParamGroupFunction<Object, Object>, GroupAction<Object>,
        ParamGroupAction<Object> {
    private static final long serialVersionUID = 1L;

    private final String owner;
    private final String name;
    /** Parameter types: the group's container and the params map, both java.util types. */
    private final Class<?>[] parameters;
    private transient Method method;

    MethodCall(Method method) {
        requireNonNull(method, "method is null");
        this.owner = method.getDeclaringClass().getName();
        this.name = method.getName();
        this.parameters = method.getParameterTypes();
    }

    @Override
    public Object apply(Object group) throws Exception {
        return invoke(group);
    }

    @Override
    public Object apply(Object group, Map<String, Object> params) throws Exception {
        return invoke(group, params);
    }

    @Override
    public void accept(Object group) throws Exception {
        invoke(group);
    }

    @Override
    public void accept(Object group, Map<String, Object> params) throws Exception {
        invoke(group, params);
    }

    private Object invoke(Object... arguments) throws Exception {
        if (method == null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Method found = Class.forName(owner, true, loader != null ? loader : MethodCall.class.getClassLoader())
                    .getDeclaredMethod(name, parameters);
            found.setAccessible(true);
            method = found;
        }
        try {
            return method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            // The method's own failure, as transform reports a lambda's.
            if (e.getCause() instanceof Exception thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return owner + "." + name;
    }
}
