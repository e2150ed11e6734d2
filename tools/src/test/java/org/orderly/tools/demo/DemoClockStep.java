package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileState;
import org.orderly.testkit.Await;
import org.orderly.testkit.SteppedClock;

/**
 * The rig of the demo's clock-step tests: a demo on {@code wall} at {@code scale} whose machine's clock is stepped
 * forward by {@code step} while a car charges; the pile's status read after the step must be taken (not refused by the
 * gateway's session energy bound) within 60 s, its count no lower than before the step.
 */
final class DemoClockStep {
    private DemoClockStep() {
    }

    static void aStatusAfterTheStepIsTaken(Path data, SteppedClock wall, TimeScale scale, Duration step) throws Exception {
        GatewayConfig c = DemoTest.onFreePorts(6, data);
        Path devices = DemoTest.find("config/devices");
        try (Demo demo = Demo.start(c, devices, data, wall, scale, new PrintWriter(new StringWriter()), true)) {
            int plugged = DemoTest.awaitLeasesAndASession(demo);
            Await.until("the demo's resident's own declaration handed over", Duration.ofSeconds(30),
                    () -> !demo.declarationPending(plugged));
            // Leaving within two of the world's hours (a minute of real time at 120x): charged now, whatever the tariff's hour.
            demo.gateway().loop().declare(plugged, new Declaration(scale.toWorld(wall.instant()).plus(Duration.ofHours(2)), 40));
            PileDriver pile = demo.gateway().drivers().get(plugged);
            Await.until("pile " + plugged + " counting its car's energy", Duration.ofSeconds(60),
                    () -> pile.latest().orElseThrow().powerKw() > 1);
            double before = pile.latest().orElseThrow().sessionEnergyKwh();

            wall.step(step);
            Tick stepped = Ticker.SYSTEM.now();
            // Read every second; counted over the step, refused until the ticker caught up (minutes) before 2026-12-07.
            Await.untilSeeing("a status of pile " + plugged + " read after the step taken", Duration.ofSeconds(60),
                    () -> stepped.isBefore(pile.latest().orElseThrow().tick()), () -> pile.latest().orElseThrow());
            PileState after = pile.latest().orElseThrow();
            assertThat(after.sessionEnergyKwh()).as("the count taken after the step, above %s kWh before it", before)
                    .isGreaterThanOrEqualTo(before);
        }
    }
}
