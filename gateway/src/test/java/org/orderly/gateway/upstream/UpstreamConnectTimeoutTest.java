package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.testkit.Await;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Mosquitto;

/**
 * A connect attempt that times out waiting for its CONNACK had its CONNECT, with the will, at the broker: the broker
 * holds that will until the connection ends (the client gives up, the broker's keep-alive, or the next CONNECT with
 * the same client id taking the session over) and then publishes it. The next attempt must not reuse the pair, or
 * that will (numbered after its online) arrives before the online, or after it. Against a real Mosquitto on 127.0.0.1,
 * behind a relay that holds back the first connection's CONNACK and lets the later ones through; over both MQTT
 * versions, whose Paho clients each keep a timed-out attempt going unless it is ended. The link waits 3 s for the
 * CONNACK ({@link LinkTimings#connack}), not the gateway's 15, and tries again sooner.
 */
class UpstreamConnectTimeoutTest {
    /**
     * The CONNACK waited for 3 s, not the gateway's 15: the held one is given up on as it would be, only sooner; and
     * the link tries again after 250 ms, doubling, not 1 s: the next attempt comes sooner after the timed-out one's
     * end.
     */
    private static final LinkTimings TIMINGS = LinkTimings.DEFAULT.withConnack(Duration.ofSeconds(3))
            .withReconnect(Duration.ofMillis(250), Duration.ofSeconds(4));
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    @Timeout(180)
    void aConnectThatTimedOutAtTheBrokerLeavesStateInOrder(MqttProtocol protocol) throws Exception {
        String gw = "gw-connect-timeout-" + protocol.configName();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             ConnackHoldingRelay relay = ConnackHoldingRelay.holdingFirst(broker.port(), 1);
             GridSide grid = new GridSide(broker.url(), gw);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw,
                     UpstreamRig.plaintext(relay.url(), gw).withProtocol(protocol), TIMINGS)) {
            Await.until("the first CONNECT at the broker", Duration.ofSeconds(30),
                    () -> broker.log().contains("as " + gw + " "));
            Await.until("the first attempt timed out waiting for its CONNACK", Duration.ofSeconds(60),
                    () -> rig.upstream.link().failedConnects() >= 1);
            Await.until("connected through the relay", Duration.ofSeconds(60), () -> rig.upstream.link().connected());
            grid.await(r -> isState(r, "online"), 30_000);

            // The link dropped without a DISCONNECT: the broker publishes the second connection's will.
            relay.cut();
            Await.until("connected again", Duration.ofSeconds(60), () -> rig.upstream.link().connects() >= 2);
            Await.until("the grid side has the second online", Duration.ofSeconds(30),
                    () -> states(grid).stream().filter(s -> s.endsWith(" online")).count() >= 2);

            List<String> seen = states(grid);
            List<String> raw = grid.all().stream().filter(r -> r.topic().endsWith("/state"))
                    .map(r -> r.seq() + " " + r.json().path("state").asText()).toList();
            List<Long> seqs = seen.stream().map(s -> Long.parseLong(s.split(" ")[0])).toList();
            assertThat(seqs).as("state numbers in arrival order, each id once (first arrival): %s; as they came: %s",
                    seen, raw).isSorted();
            assertThat(seen.get(seen.size() - 1)).as("the last state to arrive: %s", seen).endsWith(" online");
        }
    }

    private static boolean isState(GridSide.Received r, String state) {
        return r.topic().endsWith("/state") && r.json().path("state").asText().equals(state);
    }

    /** The state messages as a consumer de-duplicating by id sees them: "seq state", in arrival order. */
    private static List<String> states(GridSide grid) {
        return grid.deduplicated().stream().filter(r -> r.topic().endsWith("/state"))
                .map(r -> r.seq() + " " + r.json().path("state").asText()).toList();
    }
}
