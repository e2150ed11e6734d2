package org.orderly.gateway.upstream.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a plain TCP connection to the broker's host and port can be made. Paho reports a connection attempt that got
 * no CONNACK in time alike (its code 32000) whether something took the TCP connection and said nothing, or no TCP
 * connection was made at all (a firewall dropping the SYNs, a wrong address on a network that does not refuse): the
 * installer checks different things for each, so {@link BrokerCheck} asks after such a timeout.
 */
final class TcpReach {
    private TcpReach() {
    }

    /**
     * Empty when a TCP connection to {@code broker} was made within {@code wait} (and closed at once, nothing sent);
     * otherwise the system's reason it was not (a timeout: "Connect timed out").
     */
    static Optional<String> failure(URI broker, Duration wait) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(broker.getHost(), broker.getPort()), timeoutMs);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
    }
}
