package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A meter that answers exception 06 (server device busy), from Debian's pymodbus over TCP on 127.0.0.1: the Modbus
 * spec's "retry later". It is asked again, and one busy on every try is busy, not refusing its registers.
 */
class BusyDeviceTest {

    private static final int UNIT = 1;

    @TempDir
    Path dir;

    @Test
    void aMeterBusyForItsFirstTwoRequestsIsReadInTheFirstCycleWithoutAFailure() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        FailureCounts counts = new FailureCounts();
        LatestReadings store = new LatestReadings();
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = slave(new SlaveSpec().serve(UNIT, map).busy(UNIT, 2), port)) {
            oneCycle(port, map, store, counts);
            assertThat(counts.failures("tx")).as(slave.log()).isEmpty();
            assertThat(store.latest("tx").orElseThrow().values()).as("every quantity of the first cycle")
                    .hasSize(map.points().size());
        }
    }

    @Test
    void aMeterBusyOnEveryTryIsBusyNotRefusingItsRegisters() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        FailureCounts counts = new FailureCounts();
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = slave(new SlaveSpec().serve(UNIT, map).busy(UNIT, 1_000_000), port)) {
            oneCycle(port, map, new LatestReadings(), counts);
            assertThat(counts.failures("tx", FailureKind.BUSY)).as(slave.log()).isPositive();
            assertThat(counts.failures("tx", FailureKind.EXCEPTION_RESPONSE)).isZero();
        }
    }

    private PymodbusSlave slave(SlaveSpec spec, int port) throws Exception {
        return PymodbusSlave.tcp(ExternalTools.require("python3-pymodbus"), dir, spec, port);
    }

    private static void oneCycle(int port, RegisterMap map, LatestReadings store, FailureCounts counts) throws Exception {
        BusTiming timing = new BusTiming(Duration.ofMillis(300), Duration.ofMillis(5), Duration.ofMillis(1000), 0,
                Duration.ofMillis(10), Duration.ofMillis(40));
        try (BusPoller poller = BusPoller.overJ2mod(new Bus("busy", new BusEndpoint.Tcp("127.0.0.1", port), timing,
                List.of(new Meter("tx", UNIT, map, MeterRole.TRANSFORMER))), store, counts, Clock.systemUTC(), Ticker.SYSTEM)) {
            poller.runCycle();
        }
    }
}
