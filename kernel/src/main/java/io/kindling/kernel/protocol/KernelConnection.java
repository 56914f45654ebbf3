package io.kindling.kernel.protocol;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

/**
 * jjava's connection with {@link ResponsiveShellChannel}s for shell and control; heartbeat, stdin and
 * IOPub are jjava's own. (jjava creates its shell channels in its constructor, so ours replace them
 * at bind time and its unbound ones are only closed.)
 */
public final class KernelConnection extends JupyterConnection {
    private final KernelConnectionProperties properties;
    private final ZMQ.Context context = ZMQ.context(1);
    private final ResponsiveShellChannel responsiveShell;
    private final ResponsiveShellChannel responsiveControl;
    private volatile Runnable shellDrained = () -> { };

    public KernelConnection(KernelConnectionProperties properties) throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
        this.properties = properties;
        this.responsiveShell = new ResponsiveShellChannel(context, properties.createHMACGenerator(), false, this,
                () -> shellDrained.run());
        this.responsiveControl = new ResponsiveShellChannel(context, properties.createHMACGenerator(), true, this, () -> { });
    }

    /** What runs when the shell channel has handled every request that was waiting (see {@link StopOnError}). */
    void onShellDrained(Runnable action) {
        this.shellDrained = java.util.Objects.requireNonNull(action, "action is null");
    }

    @Override
    public void connect() {
        heartbeat.bind(properties);
        responsiveShell.bind(properties);
        responsiveControl.bind(properties);
        stdin.bind(properties);
        iopub.bind(properties);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    @Override
    public void close() {
        responsiveShell.close();
        responsiveControl.close();
        super.close();
        context.close();
    }

    @Override
    public void waitUntilClose() {
        responsiveShell.waitUntilClose();
        responsiveControl.waitUntilClose();
        super.waitUntilClose();
    }
}
