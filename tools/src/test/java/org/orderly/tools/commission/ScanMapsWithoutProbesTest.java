package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus scan} recognises a meter by its voltages and frequency. An installer's own map of a meter that
 * has none of them (energy and power only, as operations.md's devices directory allows) is no model to recognise, and
 * the scan goes on with the others: it used to ask every unit at the first map's first probe, and crashed when that map
 * (the first by name) had none.
 */
class ScanMapsWithoutProbesTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aMapWithoutVoltageOrFrequencyDoesNotStopTheScan() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        Path devices = Files.createDirectories(dir.resolve("devices"));
        for (String name : List.of("chint-dtsu666", "eastron-sdm630")) {
            Files.copy(DEVICES.resolve(name + ".yaml"), devices.resolve(name + ".yaml"));
        }
        // first by name: the scan's first request used to be this map's first voltage or frequency, which it has not
        Files.writeString(devices.resolve("abb-energy.yaml"), """
                model: ABB energy meter
                source: "an installer's own map"
                defaults: { function: 3, type: uint32, order: big }
                registers:
                  - { quantity: energy.import.kwh, address: 0x5000, scale: 0.01 }
                  - { quantity: power.total.kw,    address: 0x5B14, type: int32, scale: 0.00001 }
                """);
        scanFindsTheDtsu666(python, devices);
    }

    /**
     * A {@code --devices} directory with no meter map of its own is read over the shipped maps, which recognise the
     * meter: until 2026-12-05 it replaced them, and the scan refused to start ({@code no meter map there has a voltage
     * or frequency register to recognise a meter by}).
     */
    @Test
    void aDevicesDirectoryWithoutMeterMapsScansWithTheShippedOnes() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        Path devices = Files.createDirectories(dir.resolve("devices"));
        Files.copy(DEVICES.resolve("generic.yaml"), devices.resolve("generic.yaml"));
        scanFindsTheDtsu666(python, devices);
    }

    /**
     * A DTSU666 at unit 1, served by pymodbus as its shipped map says, is recognised by a scan given {@code devices}.
     */
    private void scanFindsTheDtsu666(String python, Path devices) throws Exception {
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir,
                ModbusSim.units(1, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml"))), port)) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port), "--units", "1-1",
                    "--timeout-ms", "2000", "--devices", devices.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out())
                    .containsPattern("tcp://127\\.0\\.0\\.1:" + port + "\\s+1\\s+Chint DTSU666\\s+chint-dtsu666\\s+voltage.a.v=230.50");
        }
    }
}
