package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.upstream.GridSide;
import org.orderly.testkit.Mosquitto;

/**
 * A car plugged in while the gateway is down, against a real firmware-bridge, a real Modbus TCP meter and a real
 * Mosquitto: its session arrives when the bridge says the car was plugged in, not when the gateway came back, in the
 * stored row and in the upstream session message.
 */
class ArrivalWhileTheGatewayWasDownTest {
    private static final Duration WITHIN = Duration.ofSeconds(15);
    /** Between the plug-in and the restart: far more than the tolerance, so the restart's time cannot pass for it. */
    private static final Duration DOWN_AFTER_PLUG_IN = Duration.ofSeconds(6);
    /** pluggedSeconds is whole seconds, rounded down, the store keeps whole seconds, and the status takes a moment. */
    private static final Duration TOLERANCE = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    @RegisterExtension
    final LiveSessions sessions = new LiveSessions(WITHIN);
    private LiveRig rig;

    @Test
    @Timeout(120)
    void aCarPluggedInWhileTheGatewayWasDownArrivedWhenItWasPluggedIn() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), "gw-test")) {
            rig = sessions.on(new LiveRig(1, 8, dir, LiveRig.plaintextUpstream(broker.url())));
            await("every session open", WITHIN, rig::everySessionOpen);
            TestBridge p0 = rig.bridges.get(0);
            // A counter above 0 at the stop, so that the new count after the plug-in tells a new car.
            await("p0's car charging", WITHIN, () -> p0.sessionEnergyKwh() >= 0.02);
            String first = sessions.openOn("p0").id();

            rig.stopGateway();
            p0.vehicle.unplug();
            await("p0 unplugged", WITHIN, () -> !p0.plugged());
            Instant plugging = Instant.now();
            p0.vehicle.plugIn();
            await("p0 plugged in again", WITHIN, p0::plugged);
            Instant plugged = Instant.now();
            Instant restart = plugged.plus(DOWN_AFTER_PLUG_IN);
            while (Instant.now().isBefore(restart)) {
                Thread.sleep(50);
            }
            Instant restarted = Instant.now();
            rig.restartGateway();

            await("a second session on p0", WITHIN,
                    () -> sessions.stored("p0").stream().anyMatch(s -> !s.id().equals(first)));
            SessionRecord second = sessions.stored("p0").stream().filter(s -> !s.id().equals(first))
                    .findFirst().orElseThrow();
            assertThat(second.arrival()).as("the stored arrival; plugged in between %s and %s, restarted at %s",
                            plugging, plugged, restarted)
                    .isBetween(plugging.minus(TOLERANCE), plugged.plus(TOLERANCE))
                    .isBefore(restarted);

            p0.vehicle.unplug();
            JsonNode m = grid.await(r -> r.topic().endsWith("/sessions")
                    && r.json().path("sessionId").asText().equals(second.id()), 20_000).json();
            assertThat(Instant.parse(m.path("arrival").asText())).as("arrival in %s", m)
                    .isEqualTo(second.arrival().truncatedTo(ChronoUnit.SECONDS));
        }
    }
}
