package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus scan} of a Modbus TCP server (Debian's pymodbus on 127.0.0.1) that answers some unit ids as
 * meters and then misbehaves. The meters found before are listed either way: a unit that answers junk is named and
 * the scan goes on past it (the connection is dropped after junk, so nothing of it is taken for the next unit's
 * answer); a server that goes away ends the scan, which names the unit it stopped at and why, and exits 1 (the units
 * after it were not asked). Until 2026-12-02 both printed one error line and not the meters already found. Each
 * unit that answers is given seconds; the only absent unit asked is 248 (the scan's check for a meter answering any
 * unit id), as each costs the whole --timeout-ms.
 */
class ModbusScanMisbehavingServerTest {
    private static final Path DEVICES = Path.of("../config/devices");

    @TempDir
    Path dir;

    private static RegisterMap map(String name) throws Exception {
        return RegisterMapLoader.load(DEVICES.resolve(name + ".yaml"));
    }

    @Test
    void aUnitAnsweringJunkIsNamedAndTheScanGoesOnPastIt() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcpGarbled(python, dir, ModbusSim.units(1, map("chint-dtsu666"), 2, map("eastron-sdm630"),
                4, map("acrel-adl400")), port, Set.of(3))) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port),
                    "--units", "1-4", "--timeout-ms", "2000", "--devices", DEVICES.toString());
            List<String> rows = r.out().lines().filter(l -> l.startsWith("tcp://")).toList();
            assertThat(rows).as(r.out() + r.err()).hasSize(4);
            assertThat(rows.get(0)).matches("tcp://127.0.0.1:" + port + "\\s+1\\s+Chint DTSU666\\s+chint-dtsu666\\s.*");
            assertThat(rows.get(1)).matches(".*\\s2\\s+Eastron SDM630\\s+eastron-sdm630\\s.*");
            assertThat(rows.get(2)).matches(".*\\s3\\s+\\?\\s+-\\s+answers what is not a Modbus TCP frame: .*");
            assertThat(rows.get(3)).matches(".*\\s4\\s+Acrel ADL400\\s+acrel-adl400\\s.*");
            assertThat(r.exit()).as(r.err()).isZero();
        }
    }

    @Test
    void aServerThatGoesAwayEndsTheScanWithTheMetersFoundListedAndTheUnitNamed() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcpVanishing(python, dir, ModbusSim.units(1, map("chint-dtsu666"), 2, map("eastron-sdm630"),
                5, map("acrel-adl400")), port, 3)) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port),
                    "--units", "1-6", "--timeout-ms", "2000", "--devices", DEVICES.toString());
            List<String> rows = r.out().lines().filter(l -> l.startsWith("tcp://")).toList();
            assertThat(rows).as(r.out() + r.err()).hasSize(2);
            assertThat(rows.get(0)).matches("tcp://127.0.0.1:" + port + "\\s+1\\s+Chint DTSU666\\s+chint-dtsu666\\s.*");
            assertThat(rows.get(1)).matches(".*\\s2\\s+Eastron SDM630\\s+eastron-sdm630\\s.*");
            assertThat(r.err().strip()).startsWith("orderly modbus scan: stopped at unit 3 of 1..6: cannot reach tcp://127.0.0.1:"
                    + port).contains("units 4..6 were not asked").contains("check --host and --tcp-port");
            assertThat(r.exit()).isEqualTo(1);
        }
    }

    @Test
    void aServerThatGoesAwayWhileAUnitIsProbedEndsTheScanAtThatUnitNotAsAMeterNoMapFits() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcpVanishing(python, dir, ModbusSim.units(1, map("chint-dtsu666"), 2, map("chint-ddsu666"),
                3, map("eastron-sdm630"), 5, map("acrel-adl400")), port, 3, 1)) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port),
                    "--units", "1-6", "--timeout-ms", "2000", "--devices", DEVICES.toString());
            List<String> rows = r.out().lines().filter(l -> l.startsWith("tcp://")).toList();
            assertThat(rows).as(r.out() + r.err()).hasSize(2);
            assertThat(rows.get(0)).matches("tcp://127.0.0.1:" + port + "\\s+1\\s+Chint DTSU666\\s+chint-dtsu666\\s.*");
            assertThat(rows.get(1)).matches(".*\\s2\\s+Chint DDSU666\\s+chint-ddsu666\\s.*");
            assertThat(r.err().strip()).as(r.out() + r.err()).startsWith("orderly modbus scan: stopped at unit 3 of 1..6: cannot reach "
                    + "tcp://127.0.0.1:" + port).contains("units 4..6 were not asked");
            assertThat(r.exit()).isEqualTo(1);
        }
    }
}
