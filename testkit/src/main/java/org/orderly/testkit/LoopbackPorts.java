package org.orderly.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Ports on 127.0.0.1, the only address the tests use. */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /** A port that was free a moment ago (the kernel's ephemeral choice); another process may still take it. */
    public static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Whether something accepts a TCP connection on 127.0.0.1:{@code port} within {@code timeout}. */
    public static boolean accepts(int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            return true;
        } catch (IOException notListening) {
            return false;
        }
    }
}
