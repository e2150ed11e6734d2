package org.orderly.tools.demo;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.testkit.SteppedClock;

/**
 * {@code orderly demo} at {@code --speed 1} on a machine whose clock is stepped forward (NTP, a clock set by hand) while
 * a car charges. The world's clock in real time is the wall clock, and until 2026-12-07 the demo's piles ran their cars
 * on it: a step of 10 minutes was counted as 10 minutes at the car's draw in one status, which the gateway's session
 * energy bound, timing the pile on the ticker, refused until the ticker had caught up, 10 minutes of real time. The
 * piles' cars now charge by the time passed, as a real bridge's do ({@code SpedUpDemoClockStepTest} for a sped-up world).
 */
class RealTimeDemoClockStepTest {
    @TempDir
    Path data;

    @Test
    void aStepForwardOfTheMachinesClockIsNoTimeTheCarsCharged() throws Exception {
        DemoClockStep.aStatusAfterTheStepIsTaken(data, new SteppedClock(), TimeScale.REAL, Duration.ofMinutes(10));
    }
}
