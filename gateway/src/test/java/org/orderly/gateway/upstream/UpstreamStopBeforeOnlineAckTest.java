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
 * A stop that comes while the gateway waits for the broker to acknowledge the "online" of a new connection still
 * leaves the retained {@code state} "offline": the broker has that "online" (it retains it) but would drop the
 * connection's will at the clean DISCONNECT. Against a real Mosquitto, over both MQTT versions, through a relay that
 * holds back the broker's acknowledgements on the new connection.
 */
class UpstreamStopBeforeOnlineAckTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttProtocol.class)
    @Timeout(90)
    void aStopWhileOnlineIsUnacknowledgedLeavesTheStateOffline(MqttProtocol protocol) throws Exception {
        String gw = "gw-stop-unacked-" + protocol.name().toLowerCase();
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             PubackHoldingRelay relay = new PubackHoldingRelay(broker.port())) {
            UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw,
                    UpstreamRig.plaintext(relay.url(), gw).withProtocol(protocol));
            try {
                assertThat(UpstreamStopTest.retainedState(broker, gw, "online")).isEqualTo("online");
                relay.holdAfterNextOnline();
                relay.dropConnections();
                assertThat(relay.onlineHeld(40)).as("the gateway's online on its new connection").isTrue();
                assertThat(UpstreamStopTest.retainedState(broker, gw, "online")).isEqualTo("online");
            } finally {
                rig.close();
            }

            assertThat(UpstreamStopTest.retainedState(broker, gw, "offline"))
                    .as("the retained state after the stop; until 2026-12-03 the new connection's online")
                    .isEqualTo("offline");
        }
    }
}
