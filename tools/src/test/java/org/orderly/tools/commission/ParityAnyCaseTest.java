package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code --parity} is a word from a meter's manual or its display, written as it is there ({@code Even}, {@code EVEN}):
 * every command takes it in any case, as picocli takes enum values with case-insensitive matching, and says it in lower
 * case. A pty pair carries no parity, so pymodbus answers whatever the scan sets.
 */
class ParityAnyCaseTest {
    private static final Path DEVICES = Path.of("../config/devices");

    @TempDir
    Path dir;

    @Test
    void scanAndReadTakeTheParityInAnyCase() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                ModbusSim sim = ModbusSim.rtu(python, dir,
                        ModbusSim.units(1, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml"))), line.slave, line.master, 9600)) {
            OrderlyRun scan = OrderlyRun.of("modbus", "scan", "--port", line.master.toString(), "--parity", "none,Even", "--units", "1-1",
                    "--timeout-ms", "3000", "--devices", DEVICES.toString());
            assertThat(scan.exit()).as(scan.err()).isZero();
            assertThat(scan.out()).containsPattern("(?m)^rtu:\\S+@9600/even\\s+1\\s+Chint DTSU666\\s+chint-dtsu666");
        }
        // Over Modbus TCP a parity is not used, and refused (OptionsNotForTheLinkTest).
    }

    @Test
    void dlt645AndPileTakeTheParityInAnyCase() {
        String tty = dir.resolve("no-such-tty").toString();
        // No port there: past the option's check, the command fails on the port (exit 1), not on the parity (exit 2).
        OrderlyRun dlt = OrderlyRun.of("dlt645", "address", "--port", tty, "--parity", "Even");
        assertThat(dlt.exit()).as(dlt.err()).isEqualTo(1);
        assertThat(dlt.err()).contains("no serial port " + tty);

        OrderlyRun pile = OrderlyRun.of("pile", "get", "--modbus-port", tty, "--parity", "Odd", "--map", "piles/generic-pile",
                "--wait-s", "1", "--devices", DEVICES.toString());
        assertThat(pile.exit()).as(pile.err()).isEqualTo(1);
        assertThat(pile.err()).doesNotContain("--parity");
    }
}
