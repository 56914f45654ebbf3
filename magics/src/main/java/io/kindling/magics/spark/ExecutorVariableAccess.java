package io.kindling.magics.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.util.RpcUtils;
import scala.reflect.ClassTag$;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a notebook variable read turns into in the cell classes shipped to Spark executors.
 *
 * <p>JShell keeps a top-level variable such as {@code long scale = 3;} in a public static field of a
 * wrapper class, assigned only when the cell runs in the kernel. An executor loads the same class but
 * never runs the cell, so a lambda reading {@code scale} there would silently see {@code 0} (or
 * {@code null}). The kernel therefore rewrites each such field read, in the exported copy only, into a
 * call to the method here for the field's type, which asks the kernel (the Spark driver, through
 * {@link NotebookVariableServer}) for the variable's current value. A value that cannot be sent fails
 * the task with a message naming the variable.
 *
 * <p>Each executor asks once per stage and variable: tasks of one stage see one value, and a later job
 * sees the value the variable has by then, as code run in the kernel would.
 *
 * <p>This class must be on the executors' class path; it lives in the magics jar, which has no kernel
 * dependencies. Its state is static because the rewritten bytecode can only call static methods.
 */
public final class ExecutorVariableAccess {
    private static final int STAGES_REMEMBERED = 64;
    /** Values fetched for recent stages; keys name the stage, so a new job never sees an old value. */
    private static final Map<CachedRead, Optional<Object>> FETCHED = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CachedRead, Optional<Object>> eldest) {
                    return size() > STAGES_REMEMBERED;
                }
            });
    private static volatile DriverEndpoint driver;

    private ExecutorVariableAccess() {
    }

    public static int readInt(String wrapperClass, String variable) {
        return (Integer) readObject(wrapperClass, variable);
    }

    public static long readLong(String wrapperClass, String variable) {
        return (Long) readObject(wrapperClass, variable);
    }

    public static double readDouble(String wrapperClass, String variable) {
        return (Double) readObject(wrapperClass, variable);
    }

    public static float readFloat(String wrapperClass, String variable) {
        return (Float) readObject(wrapperClass, variable);
    }

    public static boolean readBoolean(String wrapperClass, String variable) {
        return (Boolean) readObject(wrapperClass, variable);
    }

    public static byte readByte(String wrapperClass, String variable) {
        return (Byte) readObject(wrapperClass, variable);
    }

    public static short readShort(String wrapperClass, String variable) {
        return (Short) readObject(wrapperClass, variable);
    }

    public static char readChar(String wrapperClass, String variable) {
        return (Character) readObject(wrapperClass, variable);
    }

    /** For references and arrays; the rewritten code casts the result to the field's type. */
    public static Object readObject(String wrapperClass, String variable) {
        TaskContext task = TaskContext.get();
        if (task == null) {
            return fetch(wrapperClass, variable);
        }
        CachedRead key = new CachedRead(task.stageId(), task.stageAttemptNumber(), wrapperClass, variable);
        Optional<Object> cached = FETCHED.get(key);
        if (cached == null) {
            // Two tasks may both fetch; both get the same value, and a lock held over a network call would
            // stall every other variable read on this executor.
            cached = Optional.ofNullable(fetch(wrapperClass, variable));
            FETCHED.put(key, cached);
        }
        return cached.orElse(null);
    }

    private static Object fetch(String wrapperClass, String variable) {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            throw new IllegalStateException("notebook variable '" + variable + "' (" + wrapperClass + ") can only be"
                    + " read here in a Spark task on an executor of the kernel's cluster");
        }
        NotebookVariableReply reply = driverOf(env).endpoint().askSync(new NotebookVariableRequest(wrapperClass, variable),
                ClassTag$.MODULE$.apply(NotebookVariableReply.class));
        if (reply.problem() != null) {
            throw new IllegalStateException(reply.problem());
        }
        try (ObjectInputStream in = new CellClassesInputStream(new ByteArrayInputStream(reply.serializedValue()))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("notebook variable '" + variable + "' arrived from the kernel but could"
                    + " not be read on this executor: " + e, e);
        }
    }

    private static DriverEndpoint driverOf(SparkEnv env) {
        DriverEndpoint known = driver;
        if (known == null || known.env() != env) {
            known = new DriverEndpoint(env, RpcUtils.makeDriverRef(NotebookVariableServer.ENDPOINT, env.conf(), env.rpcEnv()));
            driver = known;
        }
        return known;
    }

    private record CachedRead(int stageId, int stageAttempt, String wrapperClass, String variable) {
    }

    private record DriverEndpoint(SparkEnv env, RpcEndpointRef endpoint) {
    }

    /** Resolves classes through the task's loader, which fetches cell classes (a record value, say) from the kernel. */
    private static final class CellClassesInputStream extends ObjectInputStream {
        CellClassesInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                return super.resolveClass(description);
            }
            try {
                return Class.forName(description.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(description);
            }
        }
    }
}
