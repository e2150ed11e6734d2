package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.store.MinuteReading;
import org.orderly.gateway.store.StoreReader;
import org.orderly.testkit.Await;

/**
 * {@code orderly demo --speed 120}: the compound's day runs 120 times faster (each 1-second cycle covers two minutes
 * of it) while leases and the meter's staleness keep their real-time meaning: bridges stay leased, the gateway stays
 * in normal mode, and the store's timeline advances in the world's time.
 */
class SpedUpDemoTest {
    private static final double SPEED = 120;

    @TempDir
    Path data;

    @Test
    void theWorldRunsFasterWhileLeasesAndStalenessKeepRealTime() throws Exception {
        GatewayConfig c = DemoTest.onFreePorts(6, data);
        Path devices = DemoTest.find("config/devices");
        Clock wall = Clock.systemUTC();
        TimeScale scale = TimeScale.startingNow(wall, SPEED);
        StringWriter printed = new StringWriter();
        List<MinuteReading> minutes;
        long wallStart = System.nanoTime();
        try (Demo demo = Demo.start(c, devices, data, wall, scale, new PrintWriter(printed), true)) {
            DemoTest.awaitLeasesAndASession(demo);
            // Until the store's timeline spans ten of the world's minutes: about 5 s of steady running at 120x. A sleep
            // of 6 s stood for it, and on a loaded machine its readings spanned 8 (480 s, the cycles late).
            minutes = Await.untilGiving("transformer readings spanning more than ten world minutes",
                    Duration.ofSeconds(60), () -> transformerMinutes(demo, scale),
                    m -> m.size() > 3 && worldSeconds(m) > 10 * 60);
            assertThat(demo.leased()).as("bridges still holding the gateway's lease").containsOnly(true);
            assertThat(demo.gateway().loop().mode()).isEqualTo(ControlMode.NORMAL);
            assertThat(demo.gateway().loop().failures()).isZero();
        }
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        // Ten world minutes, far more than the wall time passed (the start and the wait among it): at 120x, 20x
        // leaves the start six times the running time.
        assertThat(worldSeconds(minutes)).as("world seconds covered in %.1f wall seconds", wallSeconds)
                .isGreaterThan(20 * wallSeconds);
        assertThat(printed.toString()).contains("120x real time");
    }

    /** The transformer's stored minutes so far, the store flushed first. */
    private static List<MinuteReading> transformerMinutes(Demo demo, TimeScale scale) {
        try {
            assertThat(demo.gateway().store().flush(Duration.ofSeconds(5))).as("store flushed").isTrue();
            try (StoreReader reader = demo.gateway().store().reader()) {
                return reader.readings("transformer", "power.total.kw", scale.worldOrigin().minusSeconds(60),
                        scale.worldOrigin().plus(Duration.ofDays(1)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted flushing the store", e);
        }
    }

    /** The world seconds from the first stored minute to the last. */
    private static double worldSeconds(List<MinuteReading> minutes) {
        Instant first = minutes.get(0).minute();
        Instant last = minutes.get(minutes.size() - 1).minute();
        return Duration.between(first, last).toSeconds();
    }
}
