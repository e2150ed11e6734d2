package org.orderly.tools.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.testkit.Await;

/**
 * {@code orderly demo --speed 120}: its bridges count their cars' energy on the world's clock, 120 times as fast as real
 * time, and the gateway's session energy bound is told that speed (docs/firmware-bridge.md, "GET /status"). Told 1, it
 * allows a pile 9.6 kW of real time, 0.04 kWh between statuses a second apart, while a car charging in the demo counts
 * several tenths of a kWh a real second: every status refused, the count stuck where it was.
 */
class SpedUpDemoSessionEnergyTest {
    private static final double SPEED = 120;

    @TempDir
    Path data;

    @Test
    void aChargingCarsCountIsTakenAsTheWorldRunsIt() throws Exception {
        GatewayConfig c = DemoTest.onFreePorts(6, data);
        Path devices = DemoTest.find("config/devices");
        Clock wall = Clock.systemUTC();
        TimeScale scale = TimeScale.startingNow(wall, SPEED);
        try (Demo demo = Demo.start(c, devices, data, wall, scale, new PrintWriter(new StringWriter()), true)) {
            int plugged = DemoTest.awaitLeasesAndASession(demo);
            Await.until("the demo's resident's own declaration handed over", Duration.ofSeconds(30),
                    () -> !demo.declarationPending(plugged));
            // The demo's traffic may take a car away within the world's minutes (a car arrived by day leaves 1 to 5 hours
            // after, whatever its resident declared): one that leaves before its count rose 1 kWh is given up for the
            // next plugged in (the final CI of 2026-12-07 met one gone at 0.917 kWh, 5 s of real time after it began).
            Set<Integer> tried = new HashSet<>();
            for (int pile = plugged; pile >= 0 && tried.size() < 4; pile = nextPlugged(demo, tried)) {
                tried.add(pile);
                if (countRisesAKilowattHour(demo, scale, pile)) {
                    return;
                }
            }
            throw new AssertionError("no charging car's count taken 1 kWh above its first, of the piles " + tried);
        }
    }

    /** Whether {@code pile}'s count is taken 1 kWh above its first; false when its car leaves first. */
    private static boolean countRisesAKilowattHour(Demo demo, TimeScale scale, int pile) throws InterruptedException {
        // Leaving within two of the world's hours (a minute of real time): charged now, whatever the tariff's hour.
        demo.gateway().loop().declare(pile, new Declaration(scale.toWorld(Instant.now()).plus(Duration.ofHours(2)), 40));
        PileDriver driver = demo.gateway().drivers().get(pile);
        Await.until("current offered to pile " + pile + "'s urgent car, or its car gone", Duration.ofSeconds(30),
                () -> demo.ampsOffered()[pile] > 0 || !plugged(demo, pile));
        double first = driver.latest().orElseThrow().sessionEnergyKwh();
        // At 120x a car drawing 7 kW counts 0.23 kWh a real second: 1 kWh in about 4 s.
        Await.untilSeeing("pile " + pile + "'s count taken 1 kWh above " + first + " kWh, or its car gone",
                Duration.ofSeconds(60), () -> driver.latest().orElseThrow().sessionEnergyKwh() >= first + 1
                        || !plugged(demo, pile), () -> driver.latest().orElseThrow());
        return driver.latest().orElseThrow().sessionEnergyKwh() >= first + 1;
    }

    private static boolean plugged(Demo demo, int pile) {
        return demo.gateway().drivers().get(pile).latest().map(s -> s.state().plugged()).orElse(false);
    }

    /** A pile with a car plugged in, in the last cycle, not yet tried; -1 when none. */
    private static int nextPlugged(Demo demo, Set<Integer> tried) {
        return demo.gateway().loop().lastResult().plugged().stream().mapToInt(s -> s.pileIndex())
                .filter(i -> !tried.contains(i)).min().orElse(-1);
    }
}
