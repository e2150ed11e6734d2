package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Mosquitto;

/**
 * A message larger than the Maximum Packet Size the gateway announces for itself (what it takes from the broker) but
 * within the broker's: Paho 1.2.5 holds its outgoing packets to the client's own incoming limit instead of the
 * broker's (eclipse/paho.mqtt.java#987: {@code ClientState.getOutgoingMaximumPacketSize} returns the incoming one),
 * refuses the PUBLISH ("Outgoing packet too large", 51002) and drops the connection; the link took the message for one
 * the broker drops it on and set it aside after two more connections lost on it. A history answer of three hours is
 * such a message (about 130 bytes a minute). Now the gateway announces a limit no message of its own outgrows, and the
 * message arrives on the one connection.
 */
class UpstreamOverOwnPacketLimitTest {
    private static final String GW = "gw-own-limit";
    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void aMessageOverTheGatewaysOwnIncomingLimitButWithinTheBrokersArrives() throws Exception {
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("max_packet_size 2000000"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, UpstreamRig.plaintext(broker.url(), GW))) {
            rig.awaitConnected(20_000);
            assertThat(rig.upstream.link().packetLimit()).as("the client's own, below the broker's")
                    .isEqualTo(MqttLink.MAX_INCOMING_PACKET_BYTES);
            long lossesBefore = rig.upstream.link().losses();

            String big = "x".repeat(40_000);
            rig.event("test.big", big);
            rig.event("test.after", "behind the big one");

            GridSide.Received got = grid.await(r -> r.json().path("kind").asText().equals("test.big"), 60_000);
            assertThat(got.json().path("message").asText()).isEqualTo(big);
            grid.await(r -> r.json().path("kind").asText().equals("test.after"), 30_000);
            assertThat(rig.upstream.link().losses() - lossesBefore).as("connections lost on the way").isZero();
            assertThat(log.lines("WARN", "Outgoing packet too large")).isEmpty();
        }
    }

    @Test
    @Timeout(90)
    void aMessageOverTheClientsOwnLimitIsSetAsideUnsentSayingWhoseLimitItIs() throws Exception {
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("max_packet_size 2000000"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, UpstreamRig.plaintext(broker.url(), GW))) {
            rig.awaitConnected(20_000);
            long lossesBefore = rig.upstream.link().losses();

            rig.event("test.huge", "x".repeat((int) MqttLink.MAX_INCOMING_PACKET_BYTES));
            rig.event("test.after", "behind the huge one");

            grid.await(r -> r.json().path("kind").asText().equals("test.after"), 30_000);
            GridSide.Received note = grid.await(r -> r.json().path("kind").asText().equals(Outbox.SET_ASIDE), 30_000);
            assertThat(note.json().path("message").asText())
                    .contains("larger than the MQTT client sends (" + MqttLink.MAX_INCOMING_PACKET_BYTES + " bytes");
            assertThat(grid.all()).noneMatch(r -> r.json().path("kind").asText().equals("test.huge"));
            assertThat(rig.upstream.link().losses() - lossesBefore).as("connections lost on it").isZero();
            assertThat(log.lines("WARN", "larger than the MQTT client sends", "set aside, not sent")).hasSize(1);
        }
    }
}
