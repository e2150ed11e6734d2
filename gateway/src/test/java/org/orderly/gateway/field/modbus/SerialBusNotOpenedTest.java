package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.UnavailablePorts;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.HeldSerialPort;
import org.orderly.testkit.SocatPair;

/**
 * The running gateway's Modbus RTU bus whose serial port is there but will not open: its WARN says so in the
 * commissioning commands' words, naming the bus, the operating system's error in words, what to check and the meter
 * it keeps from being read, and the port is tried again at the next cycle (then less and less often while it stays
 * shut: SharedSerialPortShutTest), the meter read once it opens. Until 2026-12-03 the WARN carried j2mod's {@code Port
 * [PORT] cannot be opened after [3] attempts - valid ports are: [ttyS0]}, the same for a file, a port in use and one
 * not permitted. Its poller tells the page's {@code PORT_UNAVAILABLE} ({@link UnavailablePorts}) from the first failed
 * try until a try opens it; until 2026-12-04 the page said nothing of it (but METER_STALE for a transformer meter).
 */
class SerialBusNotOpenedTest {
    private static final BusTiming TIMING = new BusTiming(Duration.ofMillis(300), Duration.ofMillis(5), Duration.ofMillis(150), 0,
            Duration.ofMillis(10), Duration.ofMillis(40));

    @TempDir
    Path dir;

    @Test
    void aFileGivenForThePortIsSaidOnceAndTriedAgainEachCycle() throws Exception {
        Path notSerial = Files.writeString(dir.resolve("ttyUSB0"), "not a serial port");
        List<PollFailure> failures = new CopyOnWriteArrayList<>();
        try (CapturedLog log = new CapturedLog();
                BusPoller poller = poller(notSerial, failed(failures), new LatestReadings())) {
            poller.runCycle();
            poller.runCycle();

            assertThat(failures).as("one failure a cycle: the port tried again").hasSize(2)
                    .allSatisfy(f -> assertThat(f.kind()).isEqualTo(FailureKind.CONNECTION));
            assertThat(log.lines("WARN", "bus room")).as(log.text()).singleElement().asString()
                    .endsWith("bus room: serial port " + notSerial + " is there but cannot be "
                            + "opened (error 25: not a serial device); check that the port of bus 'room' in the configuration "
                            + "names the RS-485 adapter (ls /dev/serial/by-id/ lists them), that the gateway's user (orderly, "
                            + "for the service) may open it (ls -l " + notSerial + ": the dialout group) and that no other "
                            + "program holds it (a commissioning command such as orderly modbus scan, or a second gateway: let "
                            + "it end); not read: meter tx (unit 1); the port is tried again at the next cycle, then after twice "
                            + "as many cycles each time it stays shut, up to every 32");
        }
    }

    /**
     * The RS-485 adapter plugged in after the gateway started (socat's pseudo-terminal made at the bus's path only
     * then): the page's alarm names the bus and why, as the WARN begins, from the first cycle until the port opens.
     */
    @Test
    void anAdapterPluggedInLateIsThePagesAlarmUntilItsPortOpens() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        String socat = ExternalTools.require("socat");
        Path port = dir.resolve("ttyMaster");
        UnavailablePorts ports = new UnavailablePorts();
        LatestReadings readings = new LatestReadings();
        try (CapturedLog log = new CapturedLog();
                BusPoller poller = poller(port, ports, readings)) {
            poller.runCycle();

            assertThat(ports.now()).as(log.text()).containsExactly(new PortUnavailable("room",
                    "no serial port " + port + ": nothing is at that path", List.of("tx")));
            assertThat(log.lines("WARN", "bus room")).singleElement().asString()
                    .contains("bus room: no serial port " + port + ": nothing is at that path; check the port of bus 'room'");

            try (SocatPair line = new SocatPair(socat, dir);
                    PymodbusSlave slave = PymodbusSlave.rtu(python, dir,
                            new SlaveSpec().serve(1, DeviceMaps.load("chint-dtsu666")), line, 9600)) {
                poller.runCycle();

                assertThat(readings.latest("tx")).as(slave.log() + log.text()).isPresent();
                assertThat(ports.now()).as("opened: the alarm's condition gone").isEmpty();
                // Closed while its pseudo-terminal is there: jSerialComm's close of a port whose device is gone may
                // wait for ever for its event thread (the fresh-clone CI hung here 17 min).
                poller.close();
            }
        }
    }

    @Test
    void aPortAnotherProgramHoldsIsInUseUntilItLetsGo() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        String socat = ExternalTools.require("socat");
        List<PollFailure> failures = new CopyOnWriteArrayList<>();
        UnavailablePorts ports = new UnavailablePorts();
        LatestReadings readings = new LatestReadings();
        try (SocatPair line = new SocatPair(socat, dir);
                PymodbusSlave slave = PymodbusSlave.rtu(python, dir, new SlaveSpec().serve(1, DeviceMaps.load("chint-dtsu666")),
                        line, 9600);
                CapturedLog log = new CapturedLog();
                BusPoller poller = poller(line.master, PollListener.all(failed(failures), ports), readings)) {
            try (HeldSerialPort held = new HeldSerialPort(line.master, dir.resolve("held.log"))) {
                poller.runCycle();
            }
            assertThat(failures).as(log.text()).singleElement().satisfies(f -> assertThat(f.message())
                    .contains("serial port " + line.master + " is there but cannot be opened (error 11: in use)"));
            assertThat(ports.now()).containsExactly(new PortUnavailable("room", "serial port " + line.master
                    + " is there but cannot be opened (error 11: in use)", List.of("tx")));
            assertThat(log.lines("WARN", "bus room: serial port " + line.master
                    + " is there but cannot be opened (error 11: in use); check that the port of bus 'room'")).as(log.text()).hasSize(1);

            poller.runCycle();

            assertThat(readings.latest("tx")).as(slave.log() + log.text()).isPresent();
            assertThat(log.lines("bus room: meter tx (unit 1) answering again after CONNECTION")).hasSize(1);
            assertThat(ports.now()).isEmpty();
        }
    }

    private static BusPoller poller(Path port, PollListener listener, LatestReadings readings) throws Exception {
        Bus bus = new Bus("room", new BusEndpoint.Serial(port.toString(), 9600, "none", 8, 1), TIMING,
                List.of(new Meter("tx", 1, DeviceMaps.load("chint-dtsu666"), MeterRole.TRANSFORMER)));
        return BusPollers.overJ2mod(bus, readings, listener, Clock.systemUTC(), Ticker.SYSTEM);
    }

    private static PollListener failed(List<PollFailure> failures) {
        return new PollListener() {
            @Override
            public void onFailure(PollFailure f) {
                failures.add(f);
            }
        };
    }
}
