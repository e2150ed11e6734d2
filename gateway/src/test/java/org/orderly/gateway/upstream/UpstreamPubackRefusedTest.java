package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.Mosquitto;

/**
 * A broker that takes the gateway's connection but refuses some of its messages in the v5 PUBACK (Mosquitto's dynamic
 * security plugin denying a topic: reason code 0x87). A refused message is set aside with an {@code outbox.setAside}
 * event, and the messages behind it go through.
 */
class UpstreamPubackRefusedTest {
    private static final String GW = "gw-deny";
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aTelemetryMessageTheBrokerRefusesIsSetAsideAndSaidInAnEvent() throws Exception {
        try (Mosquitto broker = denying("orderly/v1/gw-deny/telemetry");
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, UpstreamRig.plaintext(broker.url(), GW))) {
            GridSide.Received note = grid.await(r -> r.json().path("kind").asText().equals(Outbox.SET_ASIDE), 40_000);
            assertThat(note.json().path("message").asText()).contains("orderly/v1/gw-deny/telemetry")
                    .contains("the broker refused it");
            rig.event("test.after", "behind the refused telemetry");
            grid.await(r -> r.json().path("kind").asText().equals("test.after"), 40_000);
            assertThat(grid.all()).noneMatch(r -> r.topic().endsWith("/telemetry"));
        }
    }

    /**
     * The events topic itself refused: each refused event is set aside with an {@code outbox.setAside} event, which is
     * on the same topic and refused in turn. That must not feed itself: a refusal of a set-aside note makes no new
     * note, so one event handed over sets aside a bounded number of messages.
     */
    @Test
    @Timeout(120)
    void refusedEventsDoNotSetAsideNotesOfNotesForEver() throws Exception {
        try (Mosquitto broker = denying("orderly/v1/gw-deny/events");
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, UpstreamRig.plaintext(broker.url(), GW))) {
            rig.awaitConnected(20_000);
            grid.await(r -> r.topic().endsWith("/telemetry"), 40_000);
            rig.event("test.refused", "on a topic the broker refuses");
            org.orderly.testkit.Await.until("the refused event set aside", java.time.Duration.ofSeconds(30),
                    () -> rig.upstream.outbox().setAsideCount() >= 1);
            Thread.sleep(10_000); // the drain runs at up to 50 a second: a loop would set aside hundreds meanwhile
            long afterTen = rig.upstream.outbox().setAsideCount();
            Thread.sleep(5_000);
            assertThat(rig.upstream.outbox().setAsideCount()).as("set aside in the 5 s after the first 10 s (%d then)",
                    afterTen).isEqualTo(afterTen);
            assertThat(afterTen).as("messages set aside for one refused event").isLessThanOrEqualTo(3);
        }
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
