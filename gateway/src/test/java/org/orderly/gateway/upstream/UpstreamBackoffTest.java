package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.testkit.Mosquitto;

/**
 * A broker that drops the gateway on one message (Mosquitto refusing a packet over its max_packet_size): the link
 * must back off between these short-lived connections instead of reconnecting as fast as it can. Over MQTT 3.1.1,
 * where the broker cannot say its limit (over v5 the message is set aside before it is sent, and over 3.1.1 after the
 * broker has dropped the link on it three times: {@code UpstreamSetAsideTest}). Judged by the waits the link decided
 * ({@code MqttLink.reconnectWaits}), not by the clock: each connection that ends at once waits twice as long as the one
 * before, from the first wait, until the message is set aside and the connection holds. (Until 2026-12-05 it counted
 * the broker's connections over 8 s of wall-clock time and asserted 1 to 4.)
 */
class UpstreamBackoffTest {
    private static final String GW = "gw-big";
    private static final LinkTimings TIMINGS = LinkTimings.DEFAULT.withReconnect(Duration.ofMillis(250),
            Duration.ofSeconds(30));

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void connectionsThatEndAtOnceAreRetriedWithBackoff() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of("max_packet_size 2000"));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     UpstreamRig.plaintext(broker.url(), GW).withProtocol(MqttProtocol.MQTT311), TIMINGS)) {
            rig.awaitConnected(10_000);
            assertThat(rig.upstream.link().connected()).as("connected before the big message").isTrue();
            assertThat(rig.upstream.link().reconnectWaits()).as("no wait before the big message").isEmpty();

            rig.event("test.big", "x".repeat(4_000)); // larger than the broker takes: it disconnects on it
            grid.await(r -> r.json().path("kind").asText().equals(Outbox.SET_ASIDE), 60_000);
            rig.event("test.after", "behind the big one");
            grid.await(r -> r.json().path("kind").asText().equals("test.after"), 30_000);

            List<Long> waits = rig.upstream.link().reconnectWaits();
            assertThat(waits).as("a wait before each reconnect: the broker dropped the link three times on it")
                    .hasSizeGreaterThanOrEqualTo(3).startsWith(250L);
            for (int i = 1; i < waits.size(); i++) {
                assertThat(waits.get(i)).as("wait %d of %s: twice the one before (no reset on a connection that ended"
                        + " at once)", i, waits).isEqualTo(Math.min(2 * waits.get(i - 1), 30_000));
            }
        }
    }
}
