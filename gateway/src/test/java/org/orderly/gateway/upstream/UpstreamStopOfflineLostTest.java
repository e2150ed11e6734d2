package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Mosquitto;

/**
 * A stop whose own "offline" the broker does not acknowledge still leaves the retained {@code state} "offline": the
 * gateway ends the connection so that the broker publishes the will (MQTT v5: DISCONNECT with reason code 0x04;
 * 3.1.1: no DISCONNECT), where a normal DISCONNECT has the broker discard it. The will stays in the outbox and the next
 * start sends it again. Against a real Mosquitto, over both MQTT versions, through a relay that keeps the stop's
 * "offline" from the broker and passes on the rest, the DISCONNECT too.
 */
class UpstreamStopOfflineLostTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttProtocol.class)
    @Timeout(120)
    void aStopWhoseOfflineIsNotAcknowledgedLeavesTheWillToTheBroker(MqttProtocol protocol) throws Exception {
        String gw = "gw-stop-offline-lost-" + protocol.name().toLowerCase();
        String stateTopic = "orderly/v1/" + gw + "/state";
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             PubackHoldingRelay relay = new PubackHoldingRelay(broker.port());
             GridSide grid = new GridSide(broker.url(), gw)) {
            UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw,
                    UpstreamRig.plaintext(relay.url(), gw).withProtocol(protocol));
            long will;
            try {
                GridSide.Received online = grid.await(r -> r.topic().equals(stateTopic)
                        && r.json().path("state").asText().equals("online"), 30_000);
                will = online.json().path("will").asLong();
                relay.loseOfflines();
            } finally {
                rig.close();
            }
            assertThat(relay.offlineLost()).as("the stop's offline was kept from the broker").isTrue();

            assertThat(UpstreamStopTest.retainedState(broker, gw, "offline"))
                    .as("the retained state after the stop; until 2026-12-03 the connection's online")
                    .isEqualTo("offline");
            GridSide.Received published = grid.await(r -> r.topic().equals(stateTopic)
                    && r.json().path("state").asText().equals("offline"), 10_000);
            assertThat(published.seq()).as("the offline the broker published is the connection's will").isEqualTo(will);

            UpstreamRig again = UpstreamRig.start(dir.resolve("orderly.db"), gw,
                    UpstreamRig.plaintext(broker.url(), gw).withProtocol(protocol));
            try {
                grid.await(r -> r.topic().equals(stateTopic) && r.seq() > will
                        && r.json().path("state").asText().equals("online"), 30_000);
            } finally {
                again.close();
            }
            assertThat(grid.all().stream().filter(r -> r.topic().equals(stateTopic) && r.seq() == will).count())
                    .as("the will, from the broker and again from the outbox at the next start (one id)")
                    .isEqualTo(2);
        }
    }
}
