package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.UnavailablePorts;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.FailureCounts;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.PortUnavailable;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.gateway.web.CapturedLog;

/**
 * The running gateway's DL/T 645 line whose serial port is there but will not open: its WARN says so as a Modbus bus's
 * does (SerialBusNotOpenedTest), once, and the port is tried again each cycle. Until 2026-12-03 it carried
 * jSerialComm's {@code cannot open serial port PORT (missing, busy or not permitted; error 25)}, with nothing to check.
 */
class Dlt645LineNotOpenedTest {
    @TempDir
    Path dir;

    @Test
    void aFileGivenForThePortIsSaidOnceAndTriedAgainEachCycle() throws Exception {
        Path notSerial = Files.writeString(dir.resolve("ttyUSB1"), "not a serial port");
        BusTiming timing = new BusTiming(Duration.ofMillis(200), Duration.ofMillis(5), Duration.ofMillis(100), 0,
                Duration.ofMillis(10), Duration.ofMillis(10));
        Dlt645Meter meter = new Dlt645Meter("tx", MeterAddress.parse("42"), MeterRole.TRANSFORMER, List.of(DataId.POWER_TOTAL));
        FailureCounts counts = new FailureCounts();
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("room-645",
                () -> JSerialCommLine.open(new BusEndpoint.Serial(notSerial.toString(), 2400, "even", 8, 1)), timing,
                List.of(meter), new LatestReadings(), counts, Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL);
        try (CapturedLog log = new CapturedLog()) {
            poller.runCycle();
            poller.runCycle();

            assertThat(counts.failures("tx")).as("one failure a cycle: the port tried again").isEqualTo(
                    java.util.Map.of(FailureKind.CONNECTION, 2L));
            assertThat(log.lines("WARN", "DL/T 645 line room-645")).as(log.text()).singleElement().asString()
                    .endsWith("DL/T 645 line room-645: meter tx not read: serial port " + notSerial + " is there but cannot "
                            + "be opened (error 25: not a serial device); check that the port of bus 'room-645' in the "
                            + "configuration names the RS-485 adapter (ls /dev/serial/by-id/ lists them), that the gateway's "
                            + "user (orderly, for the service) may open it (ls -l " + notSerial + ": the dialout group) and "
                            + "that no other program holds it (a commissioning command such as orderly modbus scan, or a "
                            + "second gateway: let it end); the port is tried again each cycle");
        } finally {
            poller.close();
        }
    }

    /**
     * The RS-485 adapter unplugged (nothing at the port's path): one WARN in the Modbus buses' words, each cycle's poll
     * failed without a window counting it, and the page's {@code PORT_UNAVAILABLE} naming the line and the path. Until
     * 2026-12-04 jSerialComm's unchecked failure ended every cycle ({@code cycle failed unexpectedly}: the poll never
     * reported) and the page said nothing.
     */
    @Test
    void aMissingPortIsSaidOnceInTheBusesWordsAndIsThePagesAlarm() throws Exception {
        Path absent = dir.resolve("ttyUSB9");
        BusTiming timing = new BusTiming(Duration.ofMillis(200), Duration.ofMillis(5), Duration.ofMillis(100), 0,
                Duration.ofMillis(10), Duration.ofMillis(10));
        Dlt645Meter meter = new Dlt645Meter("tx", MeterAddress.parse("42"), MeterRole.TRANSFORMER, List.of(DataId.POWER_TOTAL));
        FailureCounts counts = new FailureCounts();
        UnavailablePorts ports = new UnavailablePorts();
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("room-645",
                () -> JSerialCommLine.open(new BusEndpoint.Serial(absent.toString(), 2400, "even", 8, 1)), timing,
                List.of(meter), new LatestReadings(), PollListener.all(counts, ports), Clock.systemUTC(), Ticker.SYSTEM,
                Sleeper.REAL);
        try (CapturedLog log = new CapturedLog()) {
            poller.runCycle();
            poller.runCycle();

            assertThat(counts.failures("tx")).as(log.text()).isEqualTo(java.util.Map.of(FailureKind.CONNECTION, 2L));
            assertThat(log.lines("WARN", "DL/T 645 line room-645")).as(log.text()).singleElement().asString()
                    .endsWith("DL/T 645 line room-645: meter tx not read: no serial port " + absent + ": nothing is at "
                            + "that path; check the port of bus 'room-645' in the configuration (the RS-485 adapter "
                            + "unplugged, or another name: ls /dev/ttyUSB* /dev/ttyAMA* /dev/serial/by-id/ lists the serial "
                            + "ports); the port is tried again each cycle");
            assertThat(ports.now()).containsExactly(new PortUnavailable("room-645",
                    "no serial port " + absent + ": nothing is at that path", List.of("tx")));
        } finally {
            poller.close();
        }
    }
}
