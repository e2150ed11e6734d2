package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A clean stop while the link waits for a CONNACK that never comes: its CONNECT, with the will, is at the broker, which
 * publishes that will once the connection ends without a DISCONNECT (the stop lets the attempt run to the end of its
 * CONNACK wait, which ends it so: {@code UpstreamStopWhileAwaitingBrokerTest}). The pair must not be kept for the next
 * start, whose online would then be numbered below that will. Against a real Mosquitto on 127.0.0.1, behind a relay
 * that holds back the CONNACK.
 */
class UpstreamStopWhileConnectingTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aStopWhileTheConnectIsAtTheBrokerKeepsNoPairAndTheLatestStateIsOnline() throws Exception {
        String gw = "gw-stop-connecting";
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             ConnackHoldingRelay relay = new ConnackHoldingRelay(broker.port());
             GridSide grid = new GridSide(broker.url(), gw)) {
            String connected = "as " + gw + " ";
            try (UpstreamRig rig = UpstreamRig.start(db, gw, UpstreamRig.plaintext(relay.url(), gw))) {
                Await.until("the gateway's CONNECT at the broker", Duration.ofSeconds(30),
                        () -> broker.log().contains(connected));
                assertThat(rig.upstream.link().connected()).as("no CONNACK let through").isFalse();
            }
            // The process is gone: the broker sees the connection end without a DISCONNECT and publishes the will.
            relay.cut();
            grid.await(r -> r.topic().endsWith("/state") && r.json().path("state").asText().equals("offline"), 30_000);

            List<String> seen;
            try (UpstreamRig rig = UpstreamRig.start(db, gw, UpstreamRig.plaintext(broker.url(), gw))) {
                Await.until("connected", Duration.ofSeconds(60), () -> rig.upstream.link().connected());
                grid.await(r -> r.topic().endsWith("/state") && r.json().path("state").asText().equals("online"),
                        30_000);
                // Before this gateway's own stop says offline.
                seen = grid.all().stream().filter(r -> r.topic().endsWith("/state"))
                        .map(r -> r.seq() + " " + r.json().path("state").asText()).toList();
            }
            String latest = seen.stream().max(Comparator.comparingLong(s -> Long.parseLong(s.split(" ")[0])))
                    .orElseThrow();
            assertThat(latest).as("the state numbered last, of those the grid side got: %s", seen).endsWith(" online");
        }
    }
}
