package io.kindling.magics.fsql;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.transform.GroupAction;
import io.kindling.magics.transform.GroupFunction;
import io.kindling.magics.transform.ParamGroupAction;
import io.kindling.magics.transform.ParamGroupFunction;
import io.kindling.magics.transform.Shape;
import io.kindling.magics.transform.Transforms;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@code TRANSFORM ... USING fn} calls, and how rows become its input and its output rows again
 * ({@code transform}'s conversion rules, from the function's declared types). {@code fn} is a top-level method of a
 * cell, or a notebook variable holding a {@link GroupFunction}, {@link ParamGroupFunction}, {@link GroupAction} or
 * {@link ParamGroupAction}; a lambda's class has lost its type arguments, so a variable's come from its declaration
 * (lists of maps when it does not say):
 * <pre>{@code
 * List<Scored> score(List<Ride> rides) { ... }                              // records in and out: no SCHEMA needed
 * List<Map<String, Object>> rank(List<Ride> rides, Map<String, Object> p)   // params from USING rank(k: 3); SCHEMA *,rank:int
 * void store(List<Ride> rides) { ... }                                      // OUTTRANSFORM ... USING store
 * GroupFunction<List<Ride>, List<Scored>> scorer = rides -> ...;            // a variable: records as declared
 * }</pre>
 *
 * @param call   a GroupFunction, ParamGroupFunction, GroupAction or ParamGroupAction
 * @param params whether {@code call} takes the statement's {@code (params)}
 * @param input  how a group's rows are handed to it
 * @param output how its result becomes rows (TRANSFORM only)
 */
record FsqlFunction(Object call, boolean params, Shape<?> input, Optional<Shape<?>> output) {
    private static final java.util.Set<Type> FUNCTION_TYPES = java.util.Set.of(GroupFunction.class, ParamGroupFunction.class,
            GroupAction.class, ParamGroupAction.class);

    FsqlFunction {
        requireNonNull(call, "call is null");
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
    }

    /**
     * The function {@code step} names: the variable if there is one, else the cell method of that name.
     *
     * @throws MagicError UNKNOWN_VARIABLE when neither exists, TYPE_MISMATCH when its types do not fit the statement
     */
    static FsqlFunction resolve(FsqlStep.Transform step, Optional<Object> variable, boolean isVariable, Optional<Type> declared,
                                List<Method> methods) {
        if (isVariable) {
            return ofVariable(step, variable.orElse(null), declared);
        }
        if (methods.isEmpty()) {
            throw new MagicError(ErrorName.UNKNOWN_VARIABLE, "USING " + step.function()
                    + ": no notebook variable or top-level method of that name");
        }
        String problems = "";
        for (Method method : methods) {
            Optional<String> problem = misfit(step, method);
            if (problem.isEmpty()) {
                return ofMethod(step, method);
            }
            problems = problems.isEmpty() ? problem.get() : problems;
        }
        throw new MagicError(ErrorName.TYPE_MISMATCH, problems);
    }

    private static FsqlFunction ofVariable(FsqlStep.Transform step, Object function, Optional<Type> declared) {
        boolean fits = step.out() ? function instanceof GroupAction<?> || function instanceof ParamGroupAction<?>
                : function instanceof GroupFunction<?, ?> || function instanceof ParamGroupFunction<?, ?>;
        if (!fits) {
            String wanted = step.out() ? "GroupAction<List<In>> (or ParamGroupAction)"
                    : "GroupFunction<List<In>, List<Out>> (or ParamGroupFunction)";
            throw new MagicError(ErrorName.TYPE_MISMATCH, "USING " + step.function() + ": the variable holds "
                    + (function == null ? "null" : "a " + function.getClass().getName()) + ", not a " + wanted
                    + ", where In and Out are records or Map<String, Object>");
        }
        boolean params = function instanceof ParamGroupFunction<?, ?> || function instanceof ParamGroupAction<?>;
        Type[] arguments = declared.flatMap(FsqlFunction::functionArguments).orElse(new Type[0]);
        Shape<?> input = arguments.length == 0 ? Transforms.listOfMaps() : shape(arguments[0], Optional.empty())
                .orElseThrow(() -> variableMisfit(step, declared.orElseThrow(), "rows"));
        if (step.out()) {
            return new FsqlFunction(function, params, input, Optional.empty());
        }
        Optional<Class<?>> record = arguments.length < 2 ? Optional.empty() : recordOf(arguments[1]);
        if (record.isPresent() && step.schema().isPresent()) {
            throw new MagicError(ErrorName.TYPE_MISMATCH, "TRANSFORM ... USING " + step.function() + ": the output columns are "
                    + record.get().getSimpleName() + "'s components; leave out SCHEMA");
        }
        if (record.isEmpty() && arguments.length >= 2 && !isListOfMaps(arguments[1])) {
            throw variableMisfit(step, declared.orElseThrow(), "result");
        }
        if (record.isEmpty() && step.schema().isEmpty()) {
            throw new MagicError(ErrorName.TYPE_MISMATCH, "TRANSFORM needs SCHEMA: the output columns, e.g. SCHEMA *,score:double");
        }
        return new FsqlFunction(function, params, input, Optional.of(record.<Shape<?>>map(r -> listOf(r))
                .orElseGet(() -> Transforms.listOfMaps(step.schema().orElseThrow()))));
    }

    private static MagicError variableMisfit(FsqlStep.Transform step, Type declared, String what) {
        return new MagicError(ErrorName.TYPE_MISMATCH, "USING " + step.function() + ": the variable is a " + simple(declared)
                + "; its " + what + " must be List<SomeRecord> or List<Map<String, Object>>");
    }

    /**
     * The type arguments of the group function a variable is declared as: {@code GroupFunction<List<Ride>, List<Scored>>}
     * gives {@code [List<Ride>, List<Scored>]}, also through a class that implements it; empty for a raw type.
     */
    private static Optional<Type[]> functionArguments(Type declared) {
        if (declared instanceof ParameterizedType parameterized && FUNCTION_TYPES.contains(parameterized.getRawType())) {
            return Optional.of(parameterized.getActualTypeArguments());
        }
        if (declared instanceof Class<?> type) {
            for (Type implemented : type.getGenericInterfaces()) {
                Optional<Type[]> found = functionArguments(implemented);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Shape<?> listOf(Class<?> record) {
        return Transforms.listOf((Class) record);
    }

    private static FsqlFunction ofMethod(FsqlStep.Transform step, Method method) {
        Type[] parameters = method.getGenericParameterTypes();
        Shape<?> input = shape(parameters[0], Optional.empty()).orElseThrow();
        Optional<Shape<?>> output = step.out() ? Optional.empty() : shape(method.getGenericReturnType(), step.schema());
        return new FsqlFunction(new MethodCall(method), parameters.length == 2, input, output);
    }

    /** Why {@code method} cannot serve {@code step}, if it cannot. */
    private static Optional<String> misfit(FsqlStep.Transform step, Method method) {
        String signature = method.getName() + "(" + String.join(", ", java.util.Arrays.stream(method.getGenericParameterTypes())
                .map(FsqlFunction::simple).toList()) + ")";
        String shapes = "List<SomeRecord> or List<Map<String, Object>>";
        Type[] parameters = method.getGenericParameterTypes();
        if (!Modifier.isStatic(method.getModifiers()) || parameters.length < 1 || parameters.length > 2
                || parameters.length == 2 && !isMap(parameters[1]) || shape(parameters[0], Optional.empty()).isEmpty()) {
            return Optional.of("USING " + signature + ": the method must take the group's rows (" + shapes
                    + ") and, for (params), a Map<String, Object>");
        }
        Type result = method.getGenericReturnType();
        if (step.out()) {
            return result == void.class ? Optional.empty()
                    : Optional.of("OUTTRANSFORM ... USING " + signature + ": the method must return void, it returns " + simple(result));
        }
        Optional<Class<?>> record = recordOf(result);
        if (record.isPresent() && step.schema().isPresent()) {
            return Optional.of("TRANSFORM ... USING " + signature + ": the output columns are " + record.get().getSimpleName()
                    + "'s components; leave out SCHEMA");
        }
        if (record.isEmpty() && (!isListOfMaps(result) || step.schema().isEmpty())) {
            return Optional.of("TRANSFORM ... USING " + signature + ": the method must return " + shapes
                    + " (maps need SCHEMA), it returns " + simple(result));
        }
        return Optional.empty();
    }

    /** {@code List<R>} of a record as {@code listOf(R)}, {@code List<Map<String, Object>>} as maps (with the schema given). */
    private static Optional<Shape<?>> shape(Type type, Optional<String> schema) {
        Optional<Class<?>> record = recordOf(type);
        if (record.isPresent()) {
            return Optional.of(listOf(record.get()));
        }
        if (isListOfMaps(type)) {
            return Optional.of(schema.map(Transforms::listOfMaps).orElseGet(Transforms::listOfMaps));
        }
        return Optional.empty();
    }

    private static Optional<Class<?>> recordOf(Type type) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return Optional.of(element);
        }
        return Optional.empty();
    }

    private static boolean isListOfMaps(Type type) {
        return type instanceof ParameterizedType list && list.getRawType() == List.class && isMap(list.getActualTypeArguments()[0]);
    }

    private static boolean isMap(Type type) {
        return type instanceof ParameterizedType map && map.getRawType() == Map.class
                && map.getActualTypeArguments()[0] == String.class && map.getActualTypeArguments()[1] == Object.class;
    }

    private static String simple(Type type) {
        return type.getTypeName().replaceAll("[\\w$]+\\.", "").replaceAll("[\\w]+\\$", "");
    }
}
