package org.orderly.gateway.upstream.link;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What an installer checks when a connection attempt got no CONNACK, in the same words for the running gateway's line
 * ({@code upstream: cannot connect to ...}) and selftest's broker row ({@link BrokerCheck}): no TCP connection was made
 * at all (SYNs a firewall drops, a wrong address on a network that does not refuse: the address, the route, the
 * firewall), or something took the connection and did not answer the CONNECT (another service's port, a TLS listener
 * given as tcp://). Paho's timeout (32000) is the same for both, so a plain TCP connect is tried after it
 * ({@link TcpReach}). Until 2026-12-07 the running gateway said only the client's words ("Timed out waiting for a
 * response from the server") and only selftest told the two apart. A wait as long as the client's TCP connect timeout
 * ({@link ConnectRequest#tcpConnect}, the gateway's 10 s) or longer (the gateway's 15 s) ends otherwise: the client's
 * own TCP connect gives up first, with no code of its own (0) and a {@code java.net.SocketTimeoutException} as its cause; that
 * too is no TCP connection (until 2026-12-07 said in the client's words only, "Untranslated MqttException - RC: 0").
 */
final class NoConnack {
    private NoConnack() {
    }

    /**
     * What {@code e} means and what to check, or empty when it is neither a CONNECT left unanswered nor a TCP connect
     * the client gave up on. {@code wait}: how long the attempt waited for its CONNACK, which the plain TCP connect
     * waits too; {@code tcpConnect}: the client's own TCP connect timeout.
     */
    static Optional<String> advice(BrokerException e, URI broker, Duration wait, Duration tcpConnect)
            throws InterruptedException {
        String where = broker.getHost() + ":" + broker.getPort();
        Optional<String> clientTimedOut = NoConnectSent.clientConnectTimedOut(e);
        if (clientTimedOut.isPresent()) {
            long waited = Math.min(wait.toSeconds(), tcpConnect.toSeconds());
            return Optional.of(noTcp(where, waited, "the MQTT client's own TCP connect: " + clientTimedOut.get()));
        }
        if (e.connectReasonCode() == UnansweredConnect.CLIENT_TIMEOUT) {
            Optional<String> noTcp = TcpReach.failure(broker, wait);
            if (noTcp.isPresent()) {
                return Optional.of(noTcp(where, wait.toSeconds(), "a plain TCP connect after the MQTT client's: "
                        + noTcp.get()));
            }
        }
        if (e.unansweredConnect()) {
            return Optional.of("no answer as an MQTT broker within " + wait.toSeconds() + " s: something at " + where
                    + " took the connection but did not answer its CONNECT (another service's port, a TLS listener "
                    + "given as tcp:// or the reverse, a front whose broker is down); check upstream.broker");
        }
        return Optional.empty();
    }

    private static String noTcp(String where, long seconds, String seen) {
        return "no TCP connection to " + where + " within " + seconds + " s: check the address, the route and the "
                + "firewall (" + seen + ")";
    }
}
