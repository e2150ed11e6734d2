package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.orderly.gateway.field.modbus.J2modLink;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly pile set} on a Modbus pile leaves its fallback register as it found it: the command knows no
 * configuration, so no safe current (the gateway writes its {@code driver.modbus.safeAmps} there when it connects).
 * Until 2026-12-03 it wrote the driver's default, 6 A, which the pile fell back to once the command's lease lapsed,
 * and kept until the gateway next connected. A pymodbus pile on loopback whose fallback register holds 10.0 A.
 */
class PileSetFallbackTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();
    private static final int FALLBACK_REGISTER = 0x0102;

    @TempDir
    Path dir;

    @Test
    void pileSetLeavesTheFallbackRegisterAsItWas() throws Exception {
        try (ModbusPileSlave slave = ModbusPileSlave.withFallback(dir, 20, 100)) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--ttl-s", "60", "--modbus-host", "127.0.0.1", "--tcp-port",
                    Integer.toString(slave.port), "--unit", "20", "--map", "piles/generic-pile", "--devices", DEVICES.toString(),
                    "--id", "p3", "--wait-s", "5");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("set 10 A for 60 s; read back: p3: state C (charging), offered 10 A");
            try (J2modLink link = new J2modLink(new BusEndpoint.Tcp("127.0.0.1", slave.port), Duration.ofSeconds(2))) {
                int[] fallback = link.read(20, FunctionCode.READ_HOLDING_REGISTERS, FALLBACK_REGISTER, 1);
                assertThat(fallback[0]).as("the fallback register, in 0.1 A, after pile set").isEqualTo(100);
            }
        }
    }
}
