package io.kindling.kernel.protocol;

import io.kindling.kernel.io.StreamName;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

import static java.util.Objects.requireNonNull;

/**
 * Publishes on IOPub as replies to one execute request, from any thread: cell threads, the output
 * flusher and the shell thread all write through here. It bypasses the reply environment, whose defer
 * mode is not safe to share between threads, and sends through the {@link IopubSender}, because some of
 * those threads get interrupted.
 */
final class CellChannel {
    private final ShellReplyEnvironment env;
    private final IopubSender iopub;
    private final boolean stdinAllowed;

    CellChannel(ShellReplyEnvironment env, IopubSender iopub, boolean stdinAllowed) {
        this.env = requireNonNull(env, "env is null");
        this.iopub = requireNonNull(iopub, "iopub is null");
        this.stdinAllowed = stdinAllowed;
    }

    <T extends ContentType<T>> void publish(T content) {
        iopub.send(new Message<>(env.getContext(), content.getType(), content));
    }

    void stream(StreamName stream, String text) {
        publish(new PublishStream(stream == StreamName.STDOUT ? PublishStream.StreamType.OUT : PublishStream.StreamType.ERR, text));
    }

    /** Asks the frontend for a line; null when this request does not allow input. */
    String readLine(String prompt, boolean password) {
        if (!stdinAllowed) {
            return null;
        }
        String line = env.readFromStdIn(prompt, password);
        return line;
    }

    boolean stdinAllowed() {
        return stdinAllowed;
    }
}
