package org.orderly.gateway.upstream.link;

import javax.net.ssl.SSLException;

/**
 * Whether a failed connection attempt ended with no answer to a CONNECT the broker may have taken: the client gave up
 * waiting for the CONNACK, or the connection ended while it waited. The broker may then hold that connection's will and
 * publish it whenever it sees the connection end, so the pair is not used again within the run, and neither of it is
 * sent ({@code MqttLink.setPairAside}). Not a failure before any CONNECT ({@link NoConnectSent}), nor TLS
 * refusing the connection (the broker never read the CONNECT), nor a refusal in the CONNACK (the broker keeps no will
 * of a connection it refused): retrying those reuses the pair, and leaves no gaps.
 */
final class UnansweredConnect {
    /** Paho's code (both versions) for a CONNACK not come in time. */
    static final int CLIENT_TIMEOUT = 32000;
    /** Paho's code (both versions) for the connection ending under the client. */
    static final int CONNECTION_LOST = 32109;

    private UnansweredConnect() {
    }

    static boolean of(int reasonCode, Throwable failure) {
        if (reasonCode != CLIENT_TIMEOUT && reasonCode != CONNECTION_LOST) {
            return false;
        }
        if (NoConnectSent.of(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return false;
            }
        }
        return true;
    }
}
