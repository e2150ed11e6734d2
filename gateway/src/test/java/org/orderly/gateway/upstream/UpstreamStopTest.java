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
        try (MosquittoBroker broker = MosquittoBroker.plain(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.tcpUri(), gw)) {
            UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw, UpstreamRig.plaintext(broker.tcpUri(), gw)
                    .withTelemetryPeriod(Duration.ofSeconds(1)).withProtocol(protocol));
            grid.await(r -> r.topic().endsWith("/state") && r.json().path("state").asText().equals("online"), 20_000);

            rig.close();

            assertThat(retainedState(broker, gw)).isEqualTo("offline");
        }
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    @Timeout(90)
    void aStopWhileTheBrokerDoesNotAnswerStillLeavesTheStateOffline(MqttProtocol protocol) throws Exception {
        String gw = "gw-hung-" + protocol.name().toLowerCase();
        try (MosquittoBroker broker = MosquittoBroker.plain(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.tcpUri(), gw)) {
            UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw, UpstreamRig.plaintext(broker.tcpUri(), gw)
                    .withTelemetryPeriod(Duration.ofSeconds(1)).withProtocol(protocol));
            grid.await(r -> r.topic().endsWith("/state") && r.json().path("state").asText().equals("online"), 20_000);

            broker.pause();
            try {
                rig.close();
            } finally {
                broker.resume();
            }

            assertThat(retainedState(broker, gw)).as("the broker's log ends:%n%s", tail(broker.log()))
                    .isEqualTo("offline");
        }
    }

    /** What a grid client subscribing now is given, once the broker has settled what it holds. */
    private static String retainedState(MosquittoBroker broker, String gw) throws Exception {
        String last = null;
        long until = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < until) {
            try (GridSide late = new GridSide(broker.tcpUri(), gw)) {
                last = late.await(r -> r.topic().equals("orderly/v1/" + gw + "/state"), 5_000).json().path("state")
                        .asText();
            }
            if ("offline".equals(last)) {
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
