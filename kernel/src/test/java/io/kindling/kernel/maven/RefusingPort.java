package io.kindling.kernel.maven;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections while this is open: bound, never listening, so no other
 * process of a busy machine can start listening on it meanwhile (a port closed after picking it could be taken).
 */
final class RefusingPort implements AutoCloseable {
    private final Socket socket = new Socket();

    RefusingPort() throws IOException {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
