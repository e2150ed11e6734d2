package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.upstream.link.BrokerCheck;
import org.orderly.testkit.MqttPacket;

/**
 * A broker that takes selftest's connection and closes it on the SUBSCRIBE (as a broker whose ACL drops a client asking
 * for a topic it may not have): the check's row says that, not a failed connect. Until 2026-12-07 the DISCONNECT after
 * the refusal threw ("Client is disconnected (32101)") and the row said `the broker did not take the connection`. The
 * broker is a fake MQTT 5 one on 127.0.0.1: a CONNACK accepting the CONNECT, then the connection closed when the
 * SUBSCRIBE comes.
 */
@Timeout(60)
class BrokerCheckSubscribeClosedTest {
    private static final String GW = "gw-sub-closed";
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** MQTT 5 CONNACK: no session present, reason code 0 (success), no properties. */
    private static final byte[] CONNACK_ACCEPTED = {0, 0, 0};

    @Test
    void aConnectionClosedOnTheSubscribeIsSaidAsSuch() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> closedOn = CompletableFuture.supplyAsync(() -> closeOnSubscribe(listener));

            BrokerCheck.Outcome outcome = BrokerCheck.connectOnce(
                    UpstreamRig.plaintext("tcp://127.0.0.1:" + listener.getLocalPort(), GW), new Topics(GW).commands(),
                    WAIT);

            assertThat(closedOn.get()).as("the packet the fake broker closed the connection on").isEqualTo(
                    MqttPacket.SUBSCRIBE);
            assertThat(outcome.passed()).isFalse();
            assertThat(outcome.detail()).startsWith("the connection ended before the broker answered the subscription to "
                    + "orderly/v1/gw-sub-closed/cmd/cap, orderly/v1/gw-sub-closed/cmd/history (client id gw-sub-closed)");
        }
    }

    /** Takes one connection, accepts its CONNECT, closes it at the next packet; that packet's type. */
    private static int closeOnSubscribe(ServerSocket listener) {
        try (Socket client = listener.accept()) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            MqttPacket connect = MqttPacket.read(in);
            if (connect == null || connect.type() != 1) {
                throw new IllegalStateException("the fake broker's first packet was not a CONNECT: " + connect);
            }
            MqttPacket.of(MqttPacket.CONNACK << 4, CONNACK_ACCEPTED).writeTo(out);
            out.flush();
            MqttPacket next = MqttPacket.read(in);
            return next == null ? -1 : next.type();
        } catch (IOException e) {
            throw new IllegalStateException("the fake broker on 127.0.0.1:" + listener.getLocalPort() + " failed", e);
        }
    }
}
