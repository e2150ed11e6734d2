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
 * Mosquitto's {@code message_size_limit} over MQTT v5, pinned as it is (docs/operations.md, "The broker's size
 * limit"): Mosquitto 2.0.11 answers a QoS 1 PUBLISH whose payload is over it with PUBACK reason code 0x95 (Packet too
 * large), which MQTT 5 does not allow in a PUBACK; Paho 1.2.5 takes that PUBACK for a broken packet ("Invalid Return
 * code") and the connection is lost. The broker does not announce the limit (no Maximum Packet Size in its CONNACK),
 * and Paho's failure does not say which PUBLISH the PUBACK was for, so the link finds the message only as it finds
 * any message a broker drops the connection on: sent alone, over connections that each end on it, with back-off
 * between them. Mosquitto's {@code max_packet_size}, which it announces, has the link set such a message aside before
 * sending it ({@code UpstreamSetAsideTest}).
 */
class UpstreamMessageSizeLimitTest {
    private static final String GW = "gw-size-limit";
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void overV5AMessageOverMessageSizeLimitIsFoundOnlyAfterConnectionsLostOnIt() throws Exception {
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("message_size_limit 2000"));
             GridSide grid = new GridSide(broker.url(), GW);
             // Connecting again 200 to 400 ms after each loss, not 1 s doubling: the message is found by the losses
             // counted, not by how long the link waited between them.
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, UpstreamRig.plaintext(broker.url(), GW),
                     UpstreamRig.QUICK_RETRIES)) {
            rig.awaitConnected(20_000);
            assertThat(rig.upstream.link().packetLimit()).as("none announced: the MQTT client's own only")
                    .isEqualTo(MqttLink.MAX_INCOMING_PACKET_BYTES);
            long lossesBefore = rig.upstream.link().losses();

            rig.event("test.big", "x".repeat(4_000));
            rig.event("test.after", "behind the big one");

            grid.await(r -> r.json().path("kind").asText().equals("test.after"), 90_000);
            GridSide.Received note = grid.await(r -> r.json().path("kind").asText().equals(Outbox.SET_ASIDE), 30_000);
            assertThat(note.json().path("message").asText())
                    .contains("set aside: the broker closed the connection each of the 2 times it was sent alone");
            assertThat(grid.all()).noneMatch(r -> r.json().path("kind").asText().equals("test.big"));
            assertThat(broker.log()).as("the broker's answer").contains("Sending PUBACK to " + GW)
                    .contains("rc149)");
            assertThat(rig.upstream.link().losses() - lossesBefore).as("connections lost on it before it was found")
                    .isGreaterThanOrEqualTo(2);
            assertThat(log.lines("WARN", "upstream: connection to ", "lost: ", "Invalid Return code"))
                    .as("the link's WARN for each loss, in Paho's words").isNotEmpty();
        }
    }
}
