package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.testkit.Await;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.Mosquitto;

/**
 * A broker that takes the gateway's connection but refuses some of its messages in the v5 PUBACK (Mosquitto's dynamic
 * security plugin denying a topic: reason code 0x87). A refused message is set aside, the connection stays up (a
 * PUBACK's reason code concerns that message only, MQTT 5 section 4.13.2), and the messages behind it go through. A
 * topic refused again and again is said in one {@code outbox.setAside} event, not one per message.
 */
class UpstreamPubackRefusedTest {
    private static final String GW = "gw-deny";
    /** Telemetry at this period (the gateway's default is 5 s): the refusals come sooner, no fewer of them. */
    private static final Duration TELEMETRY = Duration.ofMillis(500);
    @TempDir
    Path dir;

    /** Telemetry (every {@link #TELEMETRY} in the rig) refused: each message set aside, one event for them, one connection. */
    @Test
    @Timeout(120)
    void refusedTelemetryIsSetAsideOnOneConnectionAndSaidInOneEvent() throws Exception {
        try (Mosquitto broker = denying("orderly/v1/gw-deny/telemetry");
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     UpstreamRig.plaintext(broker.url(), GW).withTelemetryPeriod(TELEMETRY))) {
            GridSide.Received note = grid.await(r -> r.json().path("kind").asText().equals(Outbox.SET_ASIDE), 40_000);
            assertThat(note.json().path("message").asText()).contains("orderly/v1/gw-deny/telemetry")
                    .contains("the broker refused it");
            rig.event("test.after", "behind the refused telemetry");
            grid.await(r -> r.json().path("kind").asText().equals("test.after"), 40_000);
            Await.until("four telemetry messages set aside", Duration.ofSeconds(40),
                    () -> rig.upstream.outbox().setAsideCount() >= 4);
            rig.event("test.last", "after four refusals");
            grid.await(r -> r.json().path("kind").asText().equals("test.last"), 40_000);

            assertThat(grid.all()).noneMatch(r -> r.topic().endsWith("/telemetry"));
            assertThat(connections(broker)).as("connections made while telemetry is refused\n%s", broker.log())
                    .isEqualTo(1);
            assertThat(grid.all().stream().filter(r -> r.json().path("kind").asText().equals(Outbox.SET_ASIDE)))
                    .as("set-aside events for %d refused telemetry messages", rig.upstream.outbox().setAsideCount())
                    .hasSize(1);
        }
    }

    /**
     * The events topic itself refused: the first refused event is set aside with an {@code outbox.setAside} event,
     * which is on the same topic and refused in turn. That must not feed itself: a refusal of a set-aside note makes
     * no new note; later refusals on the topic are counted, not each said in a note of its own.
     */
    @Test
    @Timeout(120)
    void refusedEventsDoNotSetAsideNotesOfNotesForEver() throws Exception {
        try (Mosquitto broker = denying("orderly/v1/gw-deny/events");
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     UpstreamRig.plaintext(broker.url(), GW).withTelemetryPeriod(TELEMETRY))) {
            rig.awaitConnected(20_000);
            grid.await(r -> r.topic().endsWith("/telemetry"), 40_000);
            rig.event("test.refused", "on a topic the broker refuses");
            Await.until("the refused event set aside", Duration.ofSeconds(30),
                    () -> rig.upstream.outbox().setAsideCount() >= 1);
            rig.event("test.refused", "a second one");
            rig.event("test.refused", "a third one");
            // The three events and the note of the first.
            Await.until("the three events and the note of the first set aside", Duration.ofSeconds(30),
                    () -> rig.upstream.outbox().setAsideCount() >= 4);
            long settled = rig.upstream.outbox().setAsideCount();
            Thread.sleep(3_000); // the drain runs at up to 50 a second: a loop would set aside a hundred meanwhile
            assertThat(rig.upstream.outbox().setAsideCount()).as("set aside in the 3 s after the four (%d then)",
                    settled).isEqualTo(settled);
            assertThat(settled).as("messages set aside for three refused events").isEqualTo(4);
            assertThat(connections(broker)).as("connections made while events are refused\n%s", broker.log())
                    .isEqualTo(1);
            long telemetry = grid.all().stream().filter(r -> r.topic().endsWith("/telemetry")).count();
            grid.await(r -> r.topic().endsWith("/telemetry")
                    && grid.all().stream().filter(t -> t.topic().endsWith("/telemetry")).count() > telemetry, 20_000);
        }
    }

    private static long connections(Mosquitto broker) {
        return broker.log().lines().filter(l -> l.contains("New client connected from") && l.contains("as " + GW))
                .count();
    }

    /** Mosquitto that lets every client do anything but publish to {@code topic}. */
    private Mosquitto denying(String topic) throws Exception {
        Path dynsec = dir.resolve("dynamic-security.json");
        Files.writeString(dynsec, """
                {"defaultACLAccess": {"publishClientSend": true, "publishClientReceive": true, "subscribe": true,
                                      "unsubscribe": true},
                 "clients": [],
                 "groups": [{"groupname": "anonymous", "roles": [{"rolename": "deny"}]}],
                 "roles": [{"rolename": "deny", "acls": [
                   {"acltype": "publishClientSend", "topic": "%s", "priority": 0, "allow": false}]}],
                 "anonymousGroup": "anonymous"}
                """.formatted(topic), StandardCharsets.UTF_8);
        return Mosquitto.start(dir.resolve("broker"), List.of(
                "plugin " + ExternalTools.mosquittoDynamicSecurity(), "plugin_opt_config_file " + dynsec));
    }
}
