package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * {@code orderly demo --speed 120} on a machine whose clock is stepped forward (NTP, a clock set by hand) while a car
 * charges. Until 2026-12-07 the demo's world was read off the wall clock, so a step of 10 minutes moved it on 20 hours
 * at once: the bridges counted a charging car's draw over those 20 hours in one status (its battery full long before,
 * the count 140 kWh above it), and the gateway's session energy bound, which times the pile on the ticker, refused
 * every status of that pile until the ticker had caught up, minutes of real time, the session's energy stuck short
 * meanwhile. The world now runs on elapsed time at the world's speed from where the wall clock was at the start: a step
 * of the machine's clock moves neither the cars nor the gateway's world.
 */
class SpedUpDemoClockStepTest {
    private static final double SPEED = 120;
    private static final Duration STEP = Duration.ofMinutes(10);

    @TempDir
    Path data;

    @Test
    void aStepForwardOfTheMachinesClockIsNoTimeTheCarsCharged() throws Exception {
        GatewayConfig c = DemoTest.onFreePorts(6, data);
        Path devices = DemoTest.find("config/devices");
        SteppedClock wall = new SteppedClock();
        TimeScale scale = TimeScale.startingNow(wall, SPEED);
        try (Demo demo = Demo.start(c, devices, data, wall, scale, new PrintWriter(new StringWriter()), true)) {
            int plugged = DemoTest.awaitLeasesAndASession(demo);
            Await.until("the demo's resident's own declaration handed over", Duration.ofSeconds(30),
                    () -> !demo.declarationPending(plugged));
            // Leaving within two of the world's hours (a minute of real time): charged now, whatever the tariff's hour.
            demo.gateway().loop().declare(plugged, new Declaration(scale.toWorld(wall.instant()).plus(Duration.ofHours(2)), 40));
            PileDriver pile = demo.gateway().drivers().get(plugged);
            Await.until("pile " + plugged + " counting its car's energy", Duration.ofSeconds(60),
                    () -> pile.latest().orElseThrow().powerKw() > 1);
            double before = pile.latest().orElseThrow().sessionEnergyKwh();

            wall.step(STEP);
            Tick stepped = Ticker.SYSTEM.now();
            // Read every second; before 2026-12-07 refused for about 7 minutes (140 kWh at the 9.6 kW the bound allows).
            Await.untilSeeing("a status of pile " + plugged + " read after the step taken", Duration.ofSeconds(60),
                    () -> stepped.isBefore(pile.latest().orElseThrow().tick()), () -> pile.latest().orElseThrow());
            PileState after = pile.latest().orElseThrow();
            assertThat(after.sessionEnergyKwh()).as("the count taken after the step, above %s kWh before it", before)
                    .isGreaterThanOrEqualTo(before);
        }
    }
}
