package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A Modbus pile on a line a scan asks (Debian's pymodbus serving the generic pile's registers at unit 5) answers, but
 * no meter map fits it: the scan's advice is commands that work, each in the options it takes, {@code pile get} for a
 * pile (modbus read refuses a pile's map), and it speaks of the maps it knows, the installer's own {@code --devices}
 * here, not of "shipped" ones. Until 2026-12-03 it said {@code answers, but no shipped map fits: read it with --map}.
 */
class ScanPileAdviceTest {
    private static final Path DEVICES = Path.of("../config/devices");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aPileFoundByAScanIsToldThePileGetThatReadsIt() throws Exception {
        try (ModbusPileSlave pile = ModbusPileSlave.start(dir, 5)) {
            String port = Integer.toString(pile.port);
            OrderlyRun scan = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", port, "--units", "5-5",
                    "--timeout-ms", "2000", "--devices", DEVICES.toString());

            assertThat(scan.exit()).as(scan.err()).isZero();
            String row = scan.out().lines().filter(l -> l.startsWith("tcp://")).findFirst().orElseThrow(() ->
                    new AssertionError("no row for the pile in:\n" + scan.out()));
            String devices = " --devices " + DEVICES;
            String read = "orderly modbus read --host 127.0.0.1 --tcp-port " + port + " --unit 5 --map METER_MAP" + devices;
            String get = "orderly pile get --modbus-host 127.0.0.1 --tcp-port " + port + " --unit 5 --map piles/PILE_MAP" + devices;
            assertThat(row).contains("answers, but no known map fits: a meter? " + read + "; a Modbus pile? " + get)
                    .doesNotContain("shipped");

            OrderlyRun got = advised(get.replace("PILE_MAP", "generic-pile"));
            assertThat(got.exit()).as(got.out() + got.err()).isZero();
            assertThat(got.out()).contains("offered 16 A");
            OrderlyRun refused = advised(read.replace("METER_MAP", "piles/generic-pile"));
            assertThat(refused.err()).as("modbus read is no command for a pile").contains("pile get");
        }
    }

    private static OrderlyRun advised(String command) {
        List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")));
        assertThat(args.remove(0)).isEqualTo("orderly");
        return OrderlyRun.of(args.toArray(String[]::new));
    }
}
