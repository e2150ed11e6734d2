package org.orderly.gateway.upstream.link;

import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * What one connection needs, the same for every MQTT version: the last will (published retained at QoS 1; a null
 * topic for none, as {@link BrokerCheck}'s connection, which must leave the grid's retained state alone even if it
 * dies), the TLS socket factory (empty for plaintext), the login (the password as read from its file at this connect)
 * how long the attempt waits for its CONNACK ({@link LinkTimings#connack}) before it is ended as unanswered, and how
 * long the client's own TCP connect may take ({@link LinkTimings#tcpConnect}, whole seconds). Make one per attempt:
 * {@link #certificateAsked} tells of the sockets its TLS factory made.
 */
public record ConnectRequest(String willTopic, byte[] willPayload, Optional<SSLSocketFactory> tls,
                             Optional<String> username, Optional<byte[]> password, Duration connackWait,
                             Duration tcpConnect) {
    /** Seconds between keep-alive pings, and Paho's own connect timeout (the gateway's). */
    static final int KEEP_ALIVE_S = 10;
    static final int CONNECT_TIMEOUT_S = 10;

    /** With Paho's own connect timeout, the gateway's. */
    public ConnectRequest(String willTopic, byte[] willPayload, Optional<SSLSocketFactory> tls,
                          Optional<String> username, Optional<byte[]> password, Duration connackWait) {
        this(willTopic, willPayload, tls, username, password, connackWait, Duration.ofSeconds(CONNECT_TIMEOUT_S));
    }

    /** The client's TCP connect timeout in the whole seconds Paho takes (at least 1: Paho's 0 would wait forever). */
    int tcpConnectSeconds() {
        return (int) Math.max(1, tcpConnect.toSeconds());
    }

    boolean hasWill() {
        return willTopic != null;
    }

    /** {@code tls}, watched for the broker asking for the client certificate ({@link #certificateAsked}). */
    static Optional<SSLSocketFactory> watched(Optional<SSLSocketFactory> tls) {
        return tls.map(HandshakeWatch::new);
    }

    /**
     * Whether the broker asked this attempt for the client certificate ({@link HandshakeWatch}): false in plaintext, or
     * when {@code tls} is not {@link #watched}.
     */
    boolean certificateAsked() {
        return tls.isPresent() && tls.get() instanceof HandshakeWatch w && w.certificateAsked();
    }
}
