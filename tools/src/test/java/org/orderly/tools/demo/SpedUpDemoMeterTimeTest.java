package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.view.Overview;
import org.orderly.gateway.web.view.OverviewBuilder;
import org.orderly.gateway.web.view.Today;

/**
 * {@code orderly demo --speed 30}: the page's meter card says when the transformer's newest reading was taken on the
 * clock of the page's other times (the overview's {@code at}, the events), the demo's faster one. Until 2026-12-05 the
 * pollers stamped readings on the wall clock, and a sped-up demo's card said a time far behind everything else.
 */
class SpedUpDemoMeterTimeTest {
    private static final double SPEED = 60;

    @TempDir
    Path data;

    @Test
    void theMeterCardSaysItsReadingsTimeOnTheDemosClock() throws Exception {
        GatewayConfig c = DemoTest.onFreePorts(2, data);
        Path devices = DemoTest.find("config/devices");
        Clock wall = Clock.systemUTC();
        TimeScale scale = TimeScale.startingNow(wall, SPEED);
        try (Demo demo = Demo.start(c, devices, data, wall, scale, new PrintWriter(new StringWriter()), true)) {
            OverviewBuilder page = new OverviewBuilder(demo.gateway(), scale.worldClock(wall, Ticker.SYSTEM),
                    new AlarmBoard(demo.gateway().store(), demo.gateway().ticker()), () -> new Today(0, 0, 0, 0),
                    Optional::empty);
            Overview overview = page.build();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (overview.meter().readAt() == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
                overview = page.build();
            }
            // Let the world run well ahead of the wall clock: 5 s of wall time are 5 minutes of the demo's.
            Thread.sleep(5_000);
            overview = page.build();
            assertThat(overview.meter().readAt()).as("the meter card's reading time").isNotNull();
            long behind = overview.at() - overview.meter().readAt();
            // The meter is polled every second of wall time: a fresh reading is at most a few of the world's minutes
            // old at 60x (generous for a slow machine), never behind by the wall clock's lag (minutes, growing).
            assertThat(Duration.ofMillis(behind)).as("how far the reading's time is behind the overview's at")
                    .isBetween(Duration.ZERO, Duration.ofMinutes(3));
        }
    }
}
