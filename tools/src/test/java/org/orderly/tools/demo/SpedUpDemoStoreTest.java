package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.store.StoreReader;
import org.orderly.testkit.Await;

/**
 * W11: a sped-up demo stores world times that run ahead of the wall clock. The next real-time run on the same data
 * directory must not take them for the clock's floor: its clock is right, and it must run with the time of day.
 */
class SpedUpDemoStoreTest {
    private static final int PILES = 4;

    @TempDir
    Path data;

    @Test
    @Timeout(180)
    void aSpedUpRunLeavesTheNextRealTimeRunOnTheSameDataDirectoryItsClock() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        Path devices = DemoTest.find("config/devices");
        Path file = new DemoCompound(PILES, ports.meterPort(), ports.firstPilePort()).write(data);
        Files.writeString(file, DemoTest.onFreeWebPort(Files.readString(file)));
        GatewayConfig c = ConfigLoader.load(file, devices);
        Clock wall = Clock.systemUTC();

        try (Demo spedUp = Demo.start(c, devices, data, wall, TimeScale.startingNow(wall, 300), quiet(), true)) {
            Await.until("the sped-up run has stored times 10 minutes ahead of the wall clock", Duration.ofSeconds(60),
                    () -> newest(spedUp).filter(t -> t.isAfter(wall.instant().plus(Duration.ofMinutes(10)))).isPresent());
        }

        try (Demo realTime = Demo.start(c, devices, data, wall, TimeScale.REAL, quiet(), true)) {
            Await.until("the real-time run's first cycle", Duration.ofSeconds(60),
                    () -> realTime.gateway().loop().cycles() > 0);
            assertThat(realTime.gateway().loop().mode()).as("a right clock after a sped-up run on the same data")
                    .isNotEqualTo(ControlMode.CLOCK_NOT_SET);
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
