package org.orderly.gateway.upstream.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a plain TCP connection to the broker's host and port can be made. Paho reports a connection attempt that got
 * no CONNACK in time alike (its code 32000) whether something took the TCP connection and said nothing, or no TCP
 * connection was made at all (a firewall dropping the SYNs, a wrong address on a network that does not refuse): the
 * installer checks different things for each, so {@link NoConnack} asks after such a timeout. The wait is a selector's,
 * which an interrupt ends: the running gateway's link asks too, and a stop must not wait out the connect.
 */
final class TcpReach {
    private TcpReach() {
    }

    /**
     * Empty when a TCP connection to {@code broker} was made within {@code wait} (and closed at once, nothing sent);
     * otherwise the system's reason it was not ("connect timed out" when nothing answered in time).
     */
    static Optional<String> failure(URI broker, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(1, wait.toNanos());
        try (SocketChannel channel = SocketChannel.open(); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            if (channel.connect(new InetSocketAddress(broker.getHost(), broker.getPort()))) {
                return Optional.empty();
            }
            channel.register(selector, SelectionKey.OP_CONNECT);
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("the TCP connect to " + broker.getHost() + ":" + broker.getPort()
                            + " was interrupted");
                }
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    return Optional.of("connect timed out");
                }
                selector.select(leftMs);
                selector.selectedKeys().clear();
                if (channel.finishConnect()) {
                    return Optional.empty();
                }
            }
        } catch (IOException | UnresolvedAddressException e) {
            return Optional.of(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
    }
}
