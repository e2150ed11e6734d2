package org.orderly.gateway.upstream.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.UpstreamSettings;

/**
 * Selftest's broker check ({@link BrokerCheck}) when no CONNACK comes in time tells apart no TCP connection at all (SYNs
 * a firewall drops: check the address, the route, the firewall) from something that took the connection and said
 * nothing (another service's port). Paho's timeout (32000) is the same for both; until 2026-12-07 both were said as the
 * second. No firewall is touched: on 127.0.0.1 a listener whose accept queue is full drops SYNs as one does (Linux
 * keeps backlog + 1 connections not yet accepted and drops the SYNs after them).
 */
@Timeout(60)
class BrokerCheckNoTcpConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(2);

    @Test
    void aConnectionNeverMadeIsSaidAsNoTcpConnection() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket first = connectedTo(full);
             Socket second = connectedTo(full)) {
            URI broker = URI.create("tcp://127.0.0.1:" + full.getLocalPort());

            BrokerCheck.Outcome outcome = BrokerCheck.connectOnce(UpstreamSettings.of(broker, "rig", new Transport.Plaintext()),
                    new Topics("rig").commands(), WAIT);

            assertThat(outcome.passed()).isFalse();
            assertThat(outcome.detail()).startsWith("no TCP connection to 127.0.0.1:" + full.getLocalPort() + " within 2 s:"
                    + " check the address, the route and the firewall (a plain TCP connect after the MQTT client's: ");
        }
    }

    @Test
    void aListenerThatTakesTheConnectionAndSaysNothingIsStillSaidAsUnanswered() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            URI broker = URI.create("tcp://127.0.0.1:" + silent.getLocalPort());

            BrokerCheck.Outcome outcome = BrokerCheck.connectOnce(UpstreamSettings.of(broker, "rig", new Transport.Plaintext()),
                    new Topics("rig").commands(), WAIT);

            assertThat(outcome.passed()).isFalse();
            assertThat(outcome.detail()).startsWith("no answer as an MQTT broker within 2 s: something at 127.0.0.1:"
                    + silent.getLocalPort() + " took the connection but did not answer its CONNECT");
        }
    }

    /** A connection the listener's kernel completed, left in its accept queue (the listener never accepts). */
    private static Socket connectedTo(ServerSocket listener) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 5_000);
        return s;
    }
}
