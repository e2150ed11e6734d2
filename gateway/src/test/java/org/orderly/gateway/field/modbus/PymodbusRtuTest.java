package org.orderly.gateway.field.modbus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/** Every shipped register map, read over Modbus RTU from Debian's pymodbus slave through a socat pty pair. */
class PymodbusRtuTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryShippedMapOverRtu() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        String socat = ExternalTools.require("socat");
        Map<String, RegisterMap> maps = DeviceMaps.all();
        SlaveSpec spec = new SlaveSpec();
        List<Meter> meters = new ArrayList<>();
        int unit = 1;
        for (Map.Entry<String, RegisterMap> e : maps.entrySet()) {
            spec.serve(unit, e.getValue());
            meters.add(new Meter(e.getKey(), unit, e.getValue(), unit == 1 ? MeterRole.TRANSFORMER : MeterRole.PILE));
            unit++;
        }
        try (SocatPair line = new SocatPair(socat, dir);
                PymodbusSlave slave = PymodbusSlave.rtu(python, dir, spec, line, 19200)) {
            Bus bus = new Bus("rtu-maps", new BusEndpoint.Serial(line.master.toString(), 19200, "none", 8, 1),
                    BusTiming.defaults(), meters);
            PymodbusTcpTest.assertEveryMapReads(bus, slave);
        }
    }
}
