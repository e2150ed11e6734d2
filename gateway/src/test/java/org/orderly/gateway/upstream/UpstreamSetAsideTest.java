package org.orderly.gateway.upstream;

import java.time.Duration;
import org.orderly.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.testkit.Mosquitto;

/**
 * A message larger than the broker takes (Mosquitto with max_packet_size, which it announces to MQTT v5 clients; over
 * MQTT 3.1.1 the configuration says it): the link sets it aside instead of sending it, says so in an event, and the
 * messages behind it go through. Over MQTT 3.1.1 with no limit configured the broker just closes the connection on it;
 * the link finds it by sending one message at a time and sets it aside too.
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

    @Test
    @Timeout(90)
    void overMqtt311WithNoLimitKnownTheMessageTheBrokerDropsUsOnIsSetAsideAndNothingElse() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of("max_packet_size 2000"));
             GridSide grid = new GridSide(broker.url(), GW);
             // Connecting again 200 to 400 ms after each loss, not 1 s doubling: the message is found by the losses
             // counted, not by how long the link waited between them.
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     UpstreamRig.plaintext(broker.url(), GW).withProtocol(MqttProtocol.MQTT311),
                     UpstreamRig.QUICK_RETRIES)) {
            rig.awaitConnected(10_000);

            for (int i = 0; i < 5; i++) {
                rig.event("test.before", "ahead of the big one " + i);
            }
            rig.event("test.big", "x".repeat(4_000)); // the broker closes the connection on it, and cannot say why
            rig.event("test.after", "behind the big one");

            grid.await(r -> r.json().path("kind").asText().equals("test.after"), 40_000);
            GridSide.Received note = grid.await(r -> r.json().path("kind").asText().equals(Outbox.SET_ASIDE), 40_000);
            assertThat(note.json().path("message").asText())
                    .contains("set aside: the broker closed the connection each of the 2 times it was sent alone");
            assertThat(grid.all().stream().filter(r -> r.json().path("kind").asText().equals("test.before"))
                    .map(r -> r.json().path("message").asText()).distinct())
                    .as("every message ahead of it arrived").hasSize(5);
            assertThat(grid.all()).noneMatch(r -> r.json().path("kind").asText().equals("test.big"));
            assertThat(setAsideOnceCommitted(rig)).as("only the big one").isEqualTo(1);
            try (Connection c = rig.store.database().open(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT payload FROM outbox_set_aside")) {
                assertThat(r.next()).isTrue();
                assertThat(new String(r.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)).contains("test.big");
                assertThat(r.next()).isFalse();
            }
        }
    }

    private void aMessageTooLargeIsSetAside(UnaryOperator<UpstreamSettings> how, String limit) throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of("max_packet_size 2000"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     how.apply(UpstreamRig.plaintext(broker.url(), GW)))) {
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
            assertThat(setAsideOnceCommitted(rig)).isEqualTo(1);
            try (Connection c = rig.store.database().open(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT payload, reason FROM outbox_set_aside")) {
                assertThat(r.next()).as("the big message is kept").isTrue();
                assertThat(new String(r.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)).contains("test.big");
                assertThat(r.getString(2)).contains("maximum packet size of " + limit + " bytes");
                assertThat(r.next()).isFalse();
            }
        }
    }

    /**
     * The outbox's count of messages set aside, once it has counted one: it counts after the set-aside's commit, on the
     * writer's thread, and the link may publish the note stored in that commit before the count is made.
     */
    private static long setAsideOnceCommitted(UpstreamRig rig) throws InterruptedException {
        Await.until("a message set aside counted", Duration.ofSeconds(10),
                () -> rig.upstream.outbox().setAsideCount() > 0);
        return rig.upstream.outbox().setAsideCount();
    }
}
