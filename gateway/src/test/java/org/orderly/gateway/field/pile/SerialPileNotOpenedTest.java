package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.HeldSerialPort;
import org.orderly.testkit.SocatPair;

/**
 * A pile the running gateway drives over Modbus RTU whose serial port is there but will not open: its WARN says so as
 * the bus's meters' does (SerialBusNotOpenedTest), naming the pile, the operating system's error in words and what to
 * check, once however often its status reads and lease refreshes meet the port shut, and the pile is driven once it
 * opens. Until 2026-12-03 the WARN gave the error in words but not what to check. A port that is not there is said with
 * what to check as well.
 */
class SerialPileNotOpenedTest {

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void aFileGivenForThePortIsSaidOnceWithWhatToCheck() throws Exception {
        Path notSerial = Files.writeString(dir.resolve("ttyUSB1"), "not a serial port");
        try (CapturedLog log = new CapturedLog();
                ModbusPileDriver driver = ModbusPileDriver.start(config(notSerial), listener, Clock.systemUTC())) {
            driver.offer(16.0);
            Await.untilSeeing("status reads and a lease refresh failing, several times", Duration.ofSeconds(10),
                    () -> listener.failures.size() >= 4 && listener.failures.stream().anyMatch(f -> f.operation().startsWith("write")),
                    () -> listener.failures);

            assertThat(listener.failures).allSatisfy(f -> assertThat(f.kind()).isEqualTo(PileFailureKind.CONNECTION));
            assertThat(log.lines("WARN", "pile p2")).as(log.text()).singleElement().asString()
                    .endsWith("pile p2 (unit 7) not reached: serial port " + notSerial + " is there but cannot be opened "
                            + "(error 25: not a serial device); check that the port of bus 'pile-485' in the configuration "
                            + "names the RS-485 adapter (ls /dev/serial/by-id/ lists them), that the gateway's user (orderly, "
                            + "for the service) may open it (ls -l " + notSerial + ": the dialout group) and that no other "
                            + "program holds it (a commissioning command such as orderly modbus scan, or a second gateway: let "
                            + "it end); the port is tried again at each status read and lease refresh");
        }
    }

    /** Until 2026-12-05 the WARN said j2mod's failure as it was, and what to check only for a port that is there. */
    @Test
    void aPortThatIsNotThereIsSaidOnceWithWhatToCheck() throws Exception {
        Path missing = dir.resolve("ttyUSB9");
        try (CapturedLog log = new CapturedLog();
                ModbusPileDriver driver = ModbusPileDriver.start(config(missing), listener, Clock.systemUTC())) {
            Await.untilSeeing("a few status reads failing", Duration.ofSeconds(10), () -> listener.failures.size() >= 3,
                    () -> listener.failures);

            assertThat(log.lines("WARN", "pile p2")).as(log.text()).singleElement().asString()
                    .endsWith("pile p2 (unit 7) not reached: no serial port " + missing + ": nothing is at that path; "
                            + "check the port of bus 'pile-485' in the configuration (the RS-485 adapter unplugged, or "
                            + "another name: ls /dev/ttyUSB* /dev/ttyAMA* /dev/serial/by-id/ lists the serial ports); "
                            + "the port is tried again at each status read and lease refresh");
        }
    }

    @Test
    void aPortAnotherProgramHoldsIsInUseUntilItLetsGo() throws Exception {
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                PileSlave pile = PileSlave.startRtu(dir, 7, List.of(
                        new PileSlave.Entry(0x0100, "uint16", 0), new PileSlave.Entry(0x0101, "uint16", 0),
                        new PileSlave.Entry(0x0102, "uint16", 0), new PileSlave.Entry(0x0200, "uint16", 3),
                        new PileSlave.Entry(0x0201, "uint16", 160), new PileSlave.Entry(0x0202, "uint32", 3520),
                        new PileSlave.Entry(0x0204, "uint32", 1234)), line);
                CapturedLog log = new CapturedLog()) {
            HeldSerialPort held = new HeldSerialPort(line.master, dir.resolve("held.log"));
            try (ModbusPileDriver driver = ModbusPileDriver.start(config(line.master), listener, Clock.systemUTC())) {
                try (held) {
                    Await.untilSeeing("a few status reads refused", Duration.ofSeconds(10), () -> listener.failures.size() >= 3,
                            () -> listener.failures);
                }
                Await.untilSeeing("the pile's status once the port is let go", Duration.ofSeconds(10),
                        () -> driver.latest().isPresent(), () -> pile.log() + log.text());

                assertThat(log.lines("WARN", "pile p2")).as(log.text()).singleElement().asString()
                        .contains("pile p2 (unit 7) not reached: serial port " + line.master + " is there but cannot be "
                                + "opened (error 11: in use); check that the port of bus 'pile-485' in the configuration");
                assertThat(log.lines("INFO", "pile p2: answers again (after CONNECTION)")).as(log.text()).hasSize(1);
            }
        }
    }

    /** A 3 s lease, refreshed every second, and the status read every 200 ms: several of each in a few seconds. */
    private static ModbusPileConfig config(Path port) throws Exception {
        return ModbusPileConfig.of("p2", new BusEndpoint.Serial(port.toString(), 9600, "none", 8, 1), 7, PileMaps.generic())
                .onBus("pile-485").with(LeaseTiming.ofSeconds(3), Duration.ofMillis(200));
    }
}
