package io.kindling.magics.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.rpc.RpcCallContext;
import org.apache.spark.rpc.RpcEndpoint;
import org.apache.spark.rpc.RpcEnv;
import scala.PartialFunction;
import scala.PartialFunction$;
import scala.runtime.BoxedUnit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * Serves notebook variables to the executors of a cluster, over the driver's own Spark RPC endpoint.
 * A lambda that reads {@code scale} on an executor gets the value the kernel holds at that moment,
 * just as it would when run in the kernel; see {@link ExecutorVariableAccess} for the executor side.
 */
final class NotebookVariableServer implements RpcEndpoint {
    /** The endpoint's name on the driver; executors look it up by it. */
    static final String ENDPOINT = "kindling-notebook-variables";

    private final RpcEnv rpcEnv;
    private final NotebookVariables variables;

    private NotebookVariableServer(RpcEnv rpcEnv, NotebookVariables variables) {
        this.rpcEnv = requireNonNull(rpcEnv, "rpcEnv is null");
        this.variables = requireNonNull(variables, "variables is null");
    }

    /** Registers the server with a freshly started context; it goes away with the context's RPC environment. */
    static void register(SparkContext context, NotebookVariables variables) {
        RpcEnv rpcEnv = context.env().rpcEnv();
        rpcEnv.setupEndpoint(ENDPOINT, new NotebookVariableServer(rpcEnv, variables));
    }

    @Override
    public RpcEnv rpcEnv() {
        return rpcEnv;
    }

    @Override
    public PartialFunction<Object, BoxedUnit> receiveAndReply(RpcCallContext context) {
        return PartialFunction$.MODULE$.fromFunction(message -> {
            if (message instanceof NotebookVariableRequest request) {
                context.reply(answer(request));
            } else {
                context.sendFailure(new IllegalArgumentException("not a notebook variable request: " + message));
            }
            return BoxedUnit.UNIT;
        });
    }

    NotebookVariableReply answer(NotebookVariableRequest request) {
        Object value;
        try {
            value = variables.read(request.wrapperClass(), request.variable());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return NotebookVariableReply.failure("notebook variable '" + request.variable() + "' could not be read in the"
                    + " kernel (" + e + "); was its cell re-run or dropped while the job ran?");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            return NotebookVariableReply.failure("notebook variable '" + request.variable() + "' holds a "
                    + value.getClass().getName() + ", which cannot be sent to Spark executors (" + e.getMessage()
                    + " is not Serializable); make that class implement java.io.Serializable, or create the value"
                    + " inside the lambda");
        } catch (IOException | RuntimeException e) {
            return NotebookVariableReply.failure("notebook variable '" + request.variable() + "' could not be sent to"
                    + " Spark executors: " + e);
        }
        return NotebookVariableReply.value(bytes.toByteArray());
    }
}
