package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * A broker that drops the gateway on one message (Mosquitto refusing a packet over its max_packet_size): the link
 * must back off between these short-lived connections instead of reconnecting as fast as it can. Over MQTT 3.1.1,
 * where the broker cannot say its limit (over v5 the message is set aside before it is sent, and over 3.1.1 after the
 * broker has dropped the link on it three times: {@code UpstreamSetAsideTest}).
 */
class UpstreamBackoffTest {
    @TempDir
    Path dir;

    @Test
    void connectionsThatEndAtOnceAreRetriedWithBackoff() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of("max_packet_size 2000"));
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), "gw-big",
                     UpstreamRig.plaintext(broker.url(), "gw-big").withProtocol(MqttProtocol.MQTT311))) {
            rig.awaitConnected(10_000);
            assertThat(rig.upstream.link().connected()).as("connected before the big message").isTrue();
            rig.event("test.big", "x".repeat(4_000)); // larger than the broker takes: it disconnects on it
            long before = connects(broker.log());
            Thread.sleep(8_000);
            long during = connects(broker.log()) - before;
            // 1 + 2 + 4 s of backoff fit at most three new connections in 8 s; without backoff there were dozens. (After
            // the third drop the message is set aside and the connection holds.)
            assertThat(during).as("connections in 8 s while the broker drops them").isBetween(1L, 4L);
        }
    }

    private static long connects(String log) {
        return log.lines().filter(l -> l.contains("New client connected")).count();
    }
}
