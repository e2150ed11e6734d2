package org.orderly.tools.demo;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.TimeScale;
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
        SteppedClock wall = new SteppedClock();
        DemoClockStep.aStatusAfterTheStepIsTaken(data, wall, TimeScale.startingNow(wall, SPEED), STEP);
    }
}
