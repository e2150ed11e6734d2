package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.upstream.message.Envelope;
import org.orderly.gateway.upstream.message.Messages;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.testkit.Mosquitto;

/**
 * Messages at the broker's maximum packet size, against a real Mosquitto 2.0.11 (which allows 10 topic aliases in its
 * CONNACK): Paho 1.2.5 adds a Topic Alias property, 3 bytes, to the first PUBLISH on each topic of a connection. The
 * link counted a PUBLISH without it, so a message up to 3 bytes under the limit by that count was sent over it.
 * Mosquitto 2.0.11 counts a little loosely (it took 2001 bytes under a limit of 2000) but closes the connection on a
 * packet 3 over: the first event here, at the limit by the old count, on every
 * connection it was first on its topic, until the link set it aside as one the broker drops it on. Now it is set aside
 * unsent; the next, exactly at the limit with its alias, arrives; no connection is lost.
 */
class UpstreamTopicAliasBoundaryTest {
    private static final String GW = "gw-alias";
    private static final String EVENTS = "orderly/v1/" + GW + "/events";
    private static final int LIMIT = 2000;
    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void theFirstPublishOnATopicIsCountedWithItsTopicAlias() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("max_packet_size " + LIMIT));
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, UpstreamRig.plaintext(broker.url(), GW))) {
            rig.awaitConnected(20_000);
            assertThat(rig.upstream.link().packetLimit()).as("the limit announced").isEqualTo(LIMIT);
            rig.quiet(); // no telemetry: the next numbers are the test's events
            long lossesBefore = rig.upstream.link().losses();
            long seq = rig.lastSeq() + 1;
            assertThat(Long.toString(seq + 2)).as("the numbers the events may get print alike")
                    .hasSameSizeAs(Long.toString(seq));
            assertThat(grid.all()).as("no event on this connection yet: the next is the first on its topic")
                    .noneMatch(r -> r.topic().equals(EVENTS));
            Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS);

            StoreEvent over = sized("test.over", seq, ts, LIMIT + 3);
            StoreEvent at = sized("test.at", seq, ts, LIMIT);
            rig.upstream.event(over);
            rig.upstream.event(at);

            GridSide.Received arrived = grid.await(r -> r.json().path("kind").asText().equals("test.at"), 30_000);
            assertThat(firstPublishBytes(arrived.json().toString().getBytes(StandardCharsets.UTF_8)))
                    .as("the one at the limit, as Mosquitto counts it").isEqualTo(LIMIT);
            GridSide.Received note = grid.await(r -> r.json().path("kind").asText().equals(Outbox.SET_ASIDE), 30_000);
            assertThat(note.json().path("message").asText()).contains("set aside: its PUBLISH packet of " + (LIMIT + 3)
                    + " bytes is larger than the broker's maximum packet size of " + LIMIT + " bytes");
            assertThat(grid.all()).noneMatch(r -> r.json().path("kind").asText().equals("test.over"));
            assertThat(rig.upstream.link().losses() - lossesBefore).as("connections lost (the broker's log:%n%s)",
                    broker.log()).isZero();
            assertThat(broker.log()).doesNotContain("oversize");
        }
    }

    /** An event whose message, numbered {@code seq} and stamped {@code ts}, is a first PUBLISH of {@code bytes}. */
    private static StoreEvent sized(String kind, long seq, Instant ts, long bytes) {
        for (int n = 0; n < LIMIT; n++) {
            StoreEvent e = new StoreEvent(ts, kind, "test", "x".repeat(n));
            if (firstPublishBytes(Envelope.render(GW, seq, ts, Messages.event(e))) == bytes) {
                return e;
            }
        }
        throw new AssertionError("no event of " + kind + " makes a PUBLISH of " + bytes + " bytes");
    }

    /**
     * The size of a QoS 1 MQTT v5 PUBLISH on {@link #EVENTS} as the first on its topic: fixed header, topic, packet id,
     * properties (their length and a topic alias: identifier and two bytes), payload.
     */
    private static long firstPublishBytes(byte[] payload) {
        long rest = 2 + EVENTS.length() + 2 + 1 + 3 + payload.length;
        return 1 + (rest < 128 ? 1 : 2) + rest;
    }
}
