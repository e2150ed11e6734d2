package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.store.StoreReader;
import org.orderly.testkit.Await;

/**
 * A sped-up demo stopped and started again on the same data directory goes on after the last time its store holds. On
 * 2026-12-06 the second run's world began at the wall clock's time again, hours before where the first had stopped, and
 * lived through the times stored already: today's energy on the page went from 3.0 to 29.5 kWh.
 */
class ResumedSpedUpDemoTest {
    private static final int PILES = 2;
    private static final double SPEED = 300;

    @TempDir
    Path data;

    @Test
    @Timeout(180)
    void aSpedUpDemoStartedAgainOnTheSameDataResumesAfterTheLastTimeItsStoreHolds() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        Path devices = DemoTest.find("config/devices");
        Path file = new DemoCompound(PILES, ports.meterPort(), ports.firstPilePort()).write(data);
        Files.writeString(file, DemoTest.onFreeWebPort(Files.readString(file)));
        GatewayConfig c = ConfigLoader.load(file, devices);
        Clock wall = Clock.systemUTC();

        Instant stoppedAt;
        try (Demo first = Demo.start(c, devices, data, wall, TimeScale.startingNow(wall, SPEED), quiet(), true)) {
            Await.until("the first run has stored times 10 minutes ahead of the wall clock", Duration.ofSeconds(60),
                    () -> newest(first).filter(t -> t.isAfter(wall.instant().plus(Duration.ofMinutes(10)))).isPresent());
        }
        // What the first run's stop wrote too (its open sessions, last seen then).
        try (Connection store = DriverManager.getConnection("jdbc:sqlite:"
                + Demo.store(data, TimeScale.startingNow(wall, SPEED)))) {
            stoppedAt = StoreReader.newestTime(store).orElseThrow();
        }

        StringWriter said = new StringWriter();
        try (Demo second = Demo.start(c, devices, data, wall, TimeScale.startingNow(wall, SPEED), new PrintWriter(said),
                true)) {
            Await.until("the second run's first cycle", Duration.ofSeconds(60),
                    () -> second.gateway().loop().lastCycle() != null);
            CycleSeen firstCycle = second.gateway().loop().lastCycle();
            assertThat(firstCycle.at()).as("the second run's world, after the first run's last stored time %s", stoppedAt)
                    .isAfter(stoppedAt);
            assertThat(said.toString()).contains("the compound's clock resumes at ");
        }
    }

    private static Optional<Instant> newest(Demo demo) {
        try {
            if (!demo.gateway().store().flush(Duration.ofSeconds(5))) {
                return Optional.empty();
            }
            try (StoreReader reader = demo.gateway().store().reader()) {
                return reader.newestTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static PrintWriter quiet() {
        return new PrintWriter(new StringWriter());
    }
}
