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
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.store.StoreReader;
import org.orderly.testkit.Await;

/**
 * W11: a sped-up demo stores world times that run ahead of the wall clock. The next real-time run on the same data
 * directory must not take them for the clock's floor: its clock is right, and it must run with the time of day. The
 * next sped-up run goes on after them.
 */
class SpedUpDemoStoreTest {
    private static final int PILES = 4;
    private static final double SPEED = 300;
    private Path devices;

    @TempDir
    Path data;

    @Test
    @Timeout(180)
    void aSpedUpRunLeavesTheNextRealTimeRunOnTheSameDataDirectoryItsClock() throws Exception {
        GatewayConfig c = compound();
        Clock wall = Clock.systemUTC();
        aheadOfTheWallClock(c, wall);

        try (Demo realTime = Demo.start(c, devices, data, wall, TimeScale.REAL, quiet(), true)) {
            Await.until("the real-time run's first cycle", Duration.ofSeconds(60),
                    () -> realTime.gateway().loop().cycles() > 0);
            assertThat(realTime.gateway().loop().mode()).as("a right clock after a sped-up run on the same data")
                    .isNotEqualTo(ControlMode.CLOCK_NOT_SET);
        }
    }

    /**
     * On 2026-12-06 the second sped-up run's world began at the wall clock's time again, hours before where the first
     * had stopped, and lived through the times stored already: today's energy on the page went from 14.2 to 2.7 kWh.
     */
    @Test
    @Timeout(180)
    void aSpedUpRunStartedAgainOnTheSameDataResumesAfterTheLastTimeItsStoreHolds() throws Exception {
        GatewayConfig c = compound();
        Clock wall = Clock.systemUTC();
        aheadOfTheWallClock(c, wall);
        Instant stoppedAt;
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

    private GatewayConfig compound() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        devices = DemoTest.find("config/devices");
        Path file = new DemoCompound(PILES, ports.meterPort(), ports.firstPilePort()).write(data);
        Files.writeString(file, DemoTest.onFreeWebPort(Files.readString(file)));
        return ConfigLoader.load(file, devices);
    }

    /** A sped-up run on {@code data}, stopped once it has stored times 10 minutes ahead of the wall clock. */
    private void aheadOfTheWallClock(GatewayConfig c, Clock wall) throws Exception {
        try (Demo spedUp = Demo.start(c, devices, data, wall, TimeScale.startingNow(wall, SPEED), quiet(), true)) {
            Await.until("the sped-up run has stored times 10 minutes ahead of the wall clock", Duration.ofSeconds(60),
                    () -> newest(spedUp).filter(t -> t.isAfter(wall.instant().plus(Duration.ofMinutes(10)))).isPresent());
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
