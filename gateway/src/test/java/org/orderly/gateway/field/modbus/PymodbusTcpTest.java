package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/** Every shipped register map, read over Modbus TCP from Debian's pymodbus slave (not ours). */
class PymodbusTcpTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryShippedMapOverTcp() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        Map<String, RegisterMap> maps = DeviceMaps.all();
        SlaveSpec spec = new SlaveSpec();
        List<Meter> meters = new ArrayList<>();
        int unit = 1;
        for (Map.Entry<String, RegisterMap> e : maps.entrySet()) {
            spec.serve(unit, e.getValue());
            meters.add(new Meter(e.getKey(), unit, e.getValue(), unit == 1 ? MeterRole.TRANSFORMER : MeterRole.PILE));
            unit++;
        }
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = PymodbusSlave.tcp(python, dir, spec, port)) {
            Bus bus = new Bus("tcp-maps", new BusEndpoint.Tcp("127.0.0.1", port), BusTiming.defaults(), meters);
            assertEveryMapReads(bus, slave);
        }
    }

    /** Polls each meter of {@code bus} once and checks every quantity against what the slave encoded. */
    static void assertEveryMapReads(Bus bus, PymodbusSlave slave) throws Exception {
        LatestReadings store = new LatestReadings();
        FailureCounts counts = new FailureCounts();
        try (BusPoller poller = BusPollers.overJ2mod(bus, store, counts, Clock.systemUTC(), Ticker.SYSTEM)) {
            for (Meter m : bus.meters()) {
                poller.pollMeter(m);
            }
        }
        for (Meter m : bus.meters()) {
            assertThat(counts.failures(m.id())).as("failures of %s; slave log:%n%s", m.id(), slave.log()).isEmpty();
            Reading r = store.latest(m.id()).orElseThrow();
            assertThat(r.isStale(Ticker.SYSTEM.now(), Duration.ofSeconds(30))).isFalse();
            List<RegisterPoint> points = m.map().points();
            assertThat(r.values()).as(m.id()).hasSize(points.size());
            for (int i = 0; i < points.size(); i++) {
                RegisterPoint p = points.get(i);
                double expected = SlaveSpec.expected(m.unitId(), i, p);
                assertThat(r.values().get(p.quantity())).as("%s %s", m.id(), p.quantity())
                        .isCloseTo(expected, within(Math.abs(expected) * 1e-9 + 1e-12));
            }
        }
    }
}
