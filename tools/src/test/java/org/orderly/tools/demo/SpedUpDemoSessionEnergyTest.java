package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
            // Leaving within two of the world's hours (a minute of real time): charged now, whatever the tariff's hour.
            demo.gateway().loop().declare(plugged, new Declaration(scale.toWorld(Instant.now()).plus(Duration.ofHours(2)), 40));
            Await.until("current offered to the urgent car", Duration.ofSeconds(30), () -> demo.ampsOffered()[plugged] > 0);
            PileDriver pile = demo.gateway().drivers().get(plugged);
            double first = pile.latest().orElseThrow().sessionEnergyKwh();
            // At 120x a car drawing 7 kW counts 0.23 kWh a real second: 1 kWh in about 4 s.
            Await.untilSeeing("pile " + plugged + "'s count taken 1 kWh above " + first + " kWh", Duration.ofSeconds(60),
                    () -> pile.latest().orElseThrow().sessionEnergyKwh() >= first + 1, () -> pile.latest().orElseThrow());
        }
    }
}
