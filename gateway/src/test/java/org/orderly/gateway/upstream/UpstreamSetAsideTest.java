package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.upstream.outbox.Outbox;

/**
 * A message larger than the broker takes (Mosquitto with max_packet_size, which it announces to MQTT v5 clients; over
 * MQTT 3.1.1 the configuration says it): the link sets it aside instead of sending it, says so in an event, and the
 * messages behind it go through.
 */
class UpstreamSetAsideTest {
    private static final String GW = "gw-aside";
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aMessageTooLargeForTheBrokerIsSetAsideAndTheRestGoThrough() throws Exception {
        aMessageTooLargeIsSetAside(settings -> settings, "2000");
    }

    @Test
    @Timeout(60)
    void overMqtt311TheConfiguredLimitDoesWhatAV5BrokerSays() throws Exception {
        aMessageTooLargeIsSetAside(settings -> settings.withProtocol(MqttProtocol.MQTT311).withMaxPacketBytes(1500),
                "1500");
    }

    private void aMessageTooLargeIsSetAside(UnaryOperator<UpstreamSettings> how, String limit) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.plainWith(dir.resolve("broker"), "max_packet_size 2000");
             GridSide grid = new GridSide(broker.tcpUri(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     how.apply(UpstreamRig.plaintext(broker.tcpUri(), GW)))) {
            rig.awaitConnected(10_000);
            assertThat(rig.upstream.link().connected()).isTrue();
            long connectsBefore = rig.upstream.link().connects();

            rig.event("test.big", "x".repeat(4_000));
            rig.event("test.after", "behind the big one");

            GridSide.Received after = grid.await(r -> r.json().path("kind").asText().equals("test.after"), 20_000);
            GridSide.Received note = grid.await(r -> r.json().path("kind").asText().equals(Outbox.SET_ASIDE), 20_000);
            assertThat(note.json().path("message").asText())
                    .contains("set aside: its PUBLISH packet of ")
                    .contains("larger than the broker's maximum packet size of " + limit + " bytes");
            assertThat(after.seq()).isGreaterThan(0);
            assertThat(grid.all()).noneMatch(r -> r.json().path("kind").asText().equals("test.big"));
            assertThat(rig.upstream.link().connects()).as("never dropped by the broker").isEqualTo(connectsBefore);
            assertThat(rig.upstream.outbox().setAsideCount()).isEqualTo(1);
            try (Connection c = rig.store.database().open(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT payload, reason FROM outbox_set_aside")) {
                assertThat(r.next()).as("the big message is kept").isTrue();
                assertThat(new String(r.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)).contains("test.big");
                assertThat(r.getString(2)).contains("maximum packet size of " + limit + " bytes");
                assertThat(r.next()).isFalse();
            }
        }
    }
}
