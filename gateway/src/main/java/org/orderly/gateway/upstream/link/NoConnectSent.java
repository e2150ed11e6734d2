package org.orderly.gateway.upstream.link;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a failed connection attempt certainly sent no CONNECT, so that no broker can hold its will: the broker's name
 * did not resolve, or the MQTT client's own attempt made no TCP connection (refused, no route, or its TCP connect
 * timed out: a SYN never answered). The client writes the CONNECT only on a connection made. Any other failure (no
 * CONNACK in time, the thread interrupted, the broker's refusal in its CONNACK, TLS) may have come after the CONNECT,
 * and with it the will, reached a broker. Not a plain TCP connect that failed after the client's attempt
 * ({@link TcpReach}): that tells of the route now, not of the client's attempt before it. Until 2026-12-07 the
 * client's TCP connect timing out was taken as a CONNECT that may have reached a broker, and a stop did not keep the
 * pair ({@code UpstreamNoConnackLineTest}).
 */
final class NoConnectSent {
    private NoConnectSent() {
    }

    static boolean of(Throwable failure) {
        if (clientConnectTimedOut(failure).isPresent()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The socket's words when the client's own TCP connect timed out (a SYN never answered), else empty. Only the
     * connect's ("Connect timed out": the JDK closes the socket then, so a SYN-ACK coming late is answered with a reset):
     * a read timing out on a connection made (a TLS handshake not answered) is not this.
     */
    static Optional<String> clientConnectTimedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).startsWith("connect timed out")) {
                return Optional.of(t.getMessage());
            }
        }
        return Optional.empty();
    }
}
