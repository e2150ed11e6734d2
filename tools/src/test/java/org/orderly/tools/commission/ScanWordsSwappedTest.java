package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A DTSU666 that sends the low word of each float first (Debian's pymodbus at unit 4 serving the shipped map with its
 * order swapped): no shipped map fits it as written, and the scan says which does with the words swapped and what the
 * installer's copy of it says. Until 2026-12-05 it said only {@code answers, but no shipped map fits}, and the word
 * order was left for a {@code modbus read} with the map to show, as voltages no supply has.
 */
class ScanWordsSwappedTest {
    private static final Path DEVICES = Path.of("../config/devices");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aMeterSendingTheLowWordFirstIsToldTheMapThatFitsWithItsWordsSwapped() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        String map = Files.readString(DEVICES.resolve("chint-dtsu666.yaml"));
        assertThat(map).contains("  order: big\n");
        RegisterMap swapped = RegisterMapLoader.load(Files.writeString(dir.resolve("dtsu666-low-word-first.yaml"),
                map.replace("  order: big\n", "  order: little\n")));
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(4, swapped), port)) {
            OrderlyRun scan = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port),
                    "--units", "4-4", "--timeout-ms", "2000", "--devices", DEVICES.toString());

            assertThat(scan.exit()).as(scan.err()).isZero();
            String row = scan.out().lines().filter(l -> l.startsWith("tcp://")).findFirst().orElseThrow(() ->
                    new AssertionError("no row for unit 4 in:\n" + scan.out()));
            assertThat(row).matches("tcp://127.0.0.1:" + port + "\\s+4\\s+\\?\\s+-\\s+.*")
                    .contains("answers, but no map fits as written; chint-dtsu666 (Chint DTSU666) fits with its word order "
                            + "swapped (voltage.a.v=230.50 ")
                    .endsWith("): copy chint-dtsu666.yaml to a map of your own in the devices directory with order: little "
                            + "in its defaults (docs/register-maps.md) and give the meter that map");
        }
    }
}
