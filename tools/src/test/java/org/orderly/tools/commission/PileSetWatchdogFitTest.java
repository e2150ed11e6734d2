package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly pile set --ttl-s} is written to a Modbus pile's watchdog register as round(ttl / scale): a lease the
 * register cannot hold (a watchdog counted in hundredths of a second holds at most 655 s) is bad input said before
 * anything is sent, as a limit that does not fit the limit register is, not a driver's ERROR with a stack trace at each
 * sending and then "not confirmed". A pymodbus pile on loopback, its map's watchdog in 0.01 s.
 */
class PileSetWatchdogFitTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aLeaseTheWatchdogRegisterCannotHoldIsBadInput() throws Exception {
        Path devices = Files.createDirectories(dir.resolve("devices/piles"));
        Files.writeString(devices.resolve("centis.yaml"), Files.readString(DEVICES.resolve("piles/generic-pile.yaml"))
                .replace("watchdog: { address: 0x0101, function: 6, scale: 1 }",
                        "watchdog: { address: 0x0101, function: 6, scale: 0.01 }"));
        try (ModbusPileSlave slave = ModbusPileSlave.start(dir, 20)) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--ttl-s", "1000", "--modbus-host", "127.0.0.1", "--tcp-port",
                    Integer.toString(slave.port), "--unit", "20", "--map", "piles/centis", "--devices", dir.resolve("devices").toString(),
                    "--id", "p3", "--wait-s", "3");
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n").startsWith("orderly pile set: --ttl-s 1000 does not fit the watchdog "
                    + "register of map piles/centis (").contains("nothing was sent")
                    .as("the ttl and the scale as written, not 1000.0").contains(": 1000 / scale 0.01 = 100000 does not fit");
            assertThat(r.out()).isEmpty();

            OrderlyRun fits = OrderlyRun.of("pile", "set", "10", "--ttl-s", "600", "--modbus-host", "127.0.0.1", "--tcp-port",
                    Integer.toString(slave.port), "--unit", "20", "--map", "piles/centis", "--devices", dir.resolve("devices").toString(),
                    "--id", "p3", "--wait-s", "3");
            assertThat(fits.exit()).as(fits.err()).isZero();
            assertThat(fits.out()).startsWith("register map 'piles/centis': " + devices.resolve("centis.yaml")
                    + ", your own\n"
                    + "set 10 A for 600 s; read back: p3: state C (charging), offered 10 A");
        }
    }
}
