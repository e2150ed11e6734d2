package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.upstream.link.MqttProtocol;

/**
 * When the gateway stops, the grid is told: the retained {@code state} becomes "offline". Also when the broker does
 * not answer within the 2 s the stop waits for it (the gateway logs that it could not say offline): the PUBLISH was
 * written before the DISCONNECT, and the broker reads them in that order once it runs again. Against a real
 * Mosquitto, over both MQTT versions.
 */
class UpstreamStopTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    @Timeout(90)
    void aCleanStopLeavesTheStateOffline(MqttProtocol protocol) throws Exception {
        String gw = "gw-stop-" + protocol.name().toLowerCase();
        try (MosquittoBroker broker = MosquittoBroker.plain(dir.resolve("broker"))) {
            UpstreamRig rig = startedOnline(broker, gw, protocol);

            rig.close();

            assertThat(retainedState(broker, gw, "offline")).isEqualTo("offline");
        }
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    @Timeout(90)
    void aStopWhileTheBrokerDoesNotAnswerStillLeavesTheStateOffline(MqttProtocol protocol) throws Exception {
        String gw = "gw-hung-" + protocol.name().toLowerCase();
        try (MosquittoBroker broker = MosquittoBroker.plain(dir.resolve("broker"))) {
            UpstreamRig rig = startedOnline(broker, gw, protocol);

            broker.pause();
            try {
                rig.close();
            } finally {
                broker.resume();
            }

            assertThat(retainedState(broker, gw, "offline")).as("the broker's log ends:%n%s", tail(broker.log()))
                    .isEqualTo("offline");
        }
    }

    private UpstreamRig startedOnline(MosquittoBroker broker, String gw, MqttProtocol protocol) throws Exception {
        UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw, UpstreamRig.plaintext(broker.tcpUri(), gw)
                .withTelemetryPeriod(Duration.ofSeconds(1)).withProtocol(protocol));
        assertThat(retainedState(broker, gw, "online")).isEqualTo("online");
        return rig;
    }

    /**
     * The state a grid client subscribing now is given, once it is {@code expected}, or the last one seen within
     * 20 s (null: none).
     */
    private static String retainedState(MosquittoBroker broker, String gw, String expected) throws Exception {
        String last = null;
        long until = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < until) {
            try (GridSide late = new GridSide(broker.tcpUri(), gw)) {
                last = late.await(r -> r.topic().equals("orderly/v1/" + gw + "/state"), 5_000).json().path("state")
                        .asText();
            } catch (AssertionError noStateYet) {
                last = null;
            }
            if (expected.equals(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 3000));
    }
}
