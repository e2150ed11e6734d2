package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.orderly.gateway.field.modbus.J2modLink;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/** The Modbus pile driver against Debian's pymodbus slave over TCP on 127.0.0.1, with the shipped generic pile map. */
class ModbusPileDriverTest {

    private static final int UNIT = 7;
    /**
     * How long a wait for what the driver or the pile does may take before it is a failure: only for the failure's
     * sake, not a latency the driver promises (a loaded machine, pymodbus in a process of its own, stretches them).
     */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** The lease the first test drives with: the pile's watchdog, in seconds, and the driver's contract to renew it. */
    private static final LeaseTiming LEASE = LeaseTiming.ofSeconds(3);
    /**
     * The driver's wait for each answer where the pile must answer for the test to pass: pymodbus answers at once, but
     * on a loaded machine an answer can take longer than the 300 ms a pile has by default, and the driver then reports
     * a timeout the test does not expect. The longest a 3 s lease allows (less than its renewal every second).
     */
    private static final Duration DRIVER_ANSWER_WAIT = LEASE.refreshEvery().minusMillis(100);
    /** The test's own link to the pile, to look at its registers: the wait ends with the answer, so a generous one. */
    private static final Duration CHECK_ANSWER_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    private static List<PileSlave.Entry> genericPile() {
        return List.of(
                new PileSlave.Entry(0x0100, "uint16", 0),    // limit, 0.1 A
                new PileSlave.Entry(0x0101, "uint16", 0),    // watchdog, s
                new PileSlave.Entry(0x0102, "uint16", 0),    // fallback, 0.1 A
                new PileSlave.Entry(0x0200, "uint16", 3),    // state C
                new PileSlave.Entry(0x0201, "uint16", 160),  // 16.0 A offered
                new PileSlave.Entry(0x0202, "uint32", 3520), // 3.520 kW
                new PileSlave.Entry(0x0204, "uint32", 1234)); // 1.234 kWh
    }

    private static int holding(J2modLink link, int address) throws FieldReadException, InterruptedException {
        return link.read(UNIT, FunctionCode.READ_HOLDING_REGISTERS, address, 1)[0];
    }

    @Test
    void writesTheScaledLimitWithTheWatchdogAndFallbackAndReadsStatus() throws Exception {
        try (PileSlave slave = PileSlave.start(dir, UNIT, genericPile());
             J2modLink check = new J2modLink(new BusEndpoint.Tcp("127.0.0.1", slave.port), CHECK_ANSWER_WAIT)) {
            ModbusPileConfig config = ModbusPileConfig.of("M1", new BusEndpoint.Tcp("127.0.0.1", slave.port), UNIT,
                    PileMaps.generic()).with(LEASE, Duration.ofMillis(200)).withTimeout(DRIVER_ANSWER_WAIT);
            Tick beforeStart = Ticker.SYSTEM.now();
            try (ModbusPileDriver driver = ModbusPileDriver.start(config, listener, Clock.systemUTC())) {
                driver.offer(13.7);
                Await.untilSeeing("limit register = 137 (13.7 A / 0.1)", PATIENCE,
                        () -> read(check, 0x0100) == 137, () -> read(check, 0x0100) + "; slave log: " + slave.log());
                assertThat(holding(check, 0x0101)).as("watchdog = ttl s").isEqualTo(3);
                assertThat(holding(check, 0x0102)).as("fallback = 6 A / 0.1").isEqualTo(60);
                Await.until("a status", PATIENCE, () -> driver.latest().isPresent());
                PileState s = driver.latest().orElseThrow();
                assertThat(s.state()).isEqualTo(ChargeState.C);
                assertThat(s.ampsOffered()).isCloseTo(16.0, within(1e-9));
                assertThat(s.powerKw()).isCloseTo(3.52, within(1e-9));
                assertThat(s.sessionEnergyKwh()).isCloseTo(1.234, within(1e-9));
                // Stamped when read, on the gateway's ticker: no older than the driver (a fixed age would be a timing).
                Tick now = Ticker.SYSTEM.now();
                assertThat(s.isStale(now, now.since(beforeStart))).as("older than the driver: %s", s.age(now)).isFalse();
                Await.until("a lease expiry", PATIENCE, () -> driver.latest().orElseThrow().leaseExpiry().isPresent());
                driver.offer(32.0);
                Await.untilSeeing("limit register = 320", PATIENCE, () -> read(check, 0x0100) == 320,
                        () -> read(check, 0x0100));
                // refreshed while it stands: reset the watchdog register behind the driver's back, it comes back. The
                // driver renews every ttl/3; what it owes the pile is a renewal before the watchdog set last runs out,
                // which is no later than one ttl from the reset.
                writeZero(slave.port, 0x0101);
                Await.untilSeeing("watchdog rewritten by a refresh within the ttl", LEASE.ttl(), () -> {
                    driver.offer(32.0); // the control loop confirms its setpoint every cycle
                    return read(check, 0x0101) == 3;
                }, () -> read(check, 0x0101));
            }
            assertThat(listener.failures).isEmpty();
        }
    }

    @Test
    void aPileBusyForItsFirstRequestsTakesTheLimitWithoutAFailure() throws Exception {
        // Exception 06 (server device busy) is the Modbus spec's "retry later": not the pile refusing its registers
        try (PileSlave slave = PileSlave.startBusyFirst(dir, UNIT, genericPile(), 3)) {
            ModbusPileConfig config = ModbusPileConfig.of("M5", new BusEndpoint.Tcp("127.0.0.1", slave.port), UNIT,
                    PileMaps.generic()).with(LEASE, Duration.ofMillis(500)).withTimeout(DRIVER_ANSWER_WAIT);
            try (ModbusPileDriver driver = ModbusPileDriver.start(config, listener, Clock.systemUTC())) {
                driver.offer(13.7);
                Await.untilSeeing("13.7 A acknowledged", PATIENCE, () -> driver.acknowledges(13.7),
                        () -> listener.failures + "; slave log: " + slave.log());
                Await.untilSeeing("a status", PATIENCE, () -> driver.latest().isPresent(), () -> listener.failures);
            }
            try (J2modLink check = new J2modLink(new BusEndpoint.Tcp("127.0.0.1", slave.port), CHECK_ANSWER_WAIT)) {
                assertThat(holding(check, 0x0100)).as("limit = 13.7 A / 0.1").isEqualTo(137);
            }
            assertThat(listener.failures).isEmpty();
        }
    }

    /**
     * A stop (the driver's thread interrupted, as {@link ModbusPileDriver#close} does) while a busy pile's retry waits
     * is a stop, not a malformed reply: here the interrupt is there before the wait begins, as if it came in it.
     */
    @Test
    void aStopWhileABusyPileIsWaitedForIsAStopNotAMalformedReply() throws Exception {
        try (PileSlave slave = PileSlave.startBusyFirst(dir, UNIT, genericPile(), 1_000_000);
             PileModbusPort port = new PileModbusPort(new BusEndpoint.Tcp("127.0.0.1", slave.port), Duration.ofMillis(500))) {
            Throwable thrown;
            Thread.currentThread().interrupt();
            try {
                thrown = catchThrowable(() -> port.read(UNIT, FunctionCode.READ_HOLDING_REGISTERS, 0x0200, 1));
            } finally {
                Thread.interrupted();
            }
            assertThat(slave.log()).as("a busy answer came, and its retry waited").contains("answered busy: unit " + UNIT);
            assertThat(thrown).as("what the read threw").isInstanceOf(InterruptedException.class);
        }
    }

    /** Closing the driver while its status read waits to ask a busy pile again reports no failure of the pile's reply. */
    @Test
    void closingTheDriverWhileABusyPileIsWaitedForReportsNoMalformedReply() throws Exception {
        try (PileSlave slave = PileSlave.startBusyFirst(dir, UNIT, genericPile(), 1_000_000);
             CapturedLog log = new CapturedLog()) {
            ModbusPileConfig config = ModbusPileConfig.of("M6", new BusEndpoint.Tcp("127.0.0.1", slave.port), UNIT,
                    PileMaps.generic());
            try (ModbusPileDriver driver = ModbusPileDriver.start(config, listener, Clock.systemUTC())) {
                // the status read is sent at the start; closed at its first busy answer, within its retry's waits
                Await.untilSeeing("a busy answer", PATIENCE, () -> slave.log().contains("answered busy"), slave::log);
            }
            assertThat(listener.failures).as("failures reported").noneMatch(f -> f.kind() == PileFailureKind.MALFORMED);
            assertThat(log.lines("pile M6", "MALFORMED")).isEmpty();
        }
    }

    @Test
    void aLimitThatDoesNotFitTheRegisterIsReportedAndAnUnservedUnitTimesOut() throws Exception {
        try (PileSlave slave = PileSlave.start(dir, UNIT, genericPile())) {
            ModbusPileConfig config = ModbusPileConfig.of("M2", new BusEndpoint.Tcp("127.0.0.1", slave.port), UNIT,
                    PileMaps.generic()).withTimeout(DRIVER_ANSWER_WAIT);
            try (ModbusPileDriver driver = ModbusPileDriver.start(config, listener, Clock.systemUTC())) {
                driver.offer(7000.0); // 70000 counts of 0.1 A: not a uint16
                Await.untilSeeing("REJECTED", PATIENCE, () -> listener.has(PileFailureKind.REJECTED), () -> listener.failures);
            }
            // said as the map is written and the page says currents: 7000 A, scale 0.1, not Java's 7000.0
            assertThat(listener.failures.get(0).message())
                    .contains("limit register 0x0100: 7000 / scale 0.1 = 70000 does not fit 0..65535");
            assertThat(listener.failures.get(0).operation()).contains(" limit 7000 A ttl ");
            RecordingListener silent = new RecordingListener();
            ModbusPileConfig absent = ModbusPileConfig.of("M3", new BusEndpoint.Tcp("127.0.0.1", slave.port), 99,
                    PileMaps.generic());
            try (ModbusPileDriver driver = ModbusPileDriver.start(absent, silent, Clock.systemUTC())) {
                driver.offer(16.0);
                Await.untilSeeing("a failure for unit 99", PATIENCE, () -> !silent.failures.isEmpty(), () -> silent.failures);
                assertThat(driver.latest()).isEmpty();
            }
            System.out.println("unserved unit reported as: " + silent.failures.get(0));
            assertThat(silent.failures.get(0).message()).contains("unit 99");
        }
    }

    @Test
    void aUnitItsGatewaySaysDidNotAnswerIsATimeoutNotARefusal() throws Exception {
        try (PileSlave slave = PileSlave.startBehindGateway(dir, UNIT, genericPile())) {
            ModbusPileConfig absent = ModbusPileConfig.of("M4", new BusEndpoint.Tcp("127.0.0.1", slave.port), 99,
                    PileMaps.generic());
            try (ModbusPileDriver driver = ModbusPileDriver.start(absent, listener, Clock.systemUTC())) {
                driver.offer(16.0);
                Await.untilSeeing("a failure for unit 99", PATIENCE, () -> !listener.failures.isEmpty(), () -> listener.failures);
            }
            assertThat(listener.failures.get(0).kind()).as(listener.failures.get(0).message()).isEqualTo(PileFailureKind.TIMEOUT);
            assertThat(listener.failures.get(0).message()).contains("unit 99").contains("Gateway Target Device Failed to Respond");
        }
    }

    @Test
    void offersToAPileNothingListensForAreReportedAsAConnectionFailure() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ModbusPileConfig config = ModbusPileConfig.of("M4", new BusEndpoint.Tcp("127.0.0.1", port), 1, PileMaps.generic());
        try (ModbusPileDriver driver = ModbusPileDriver.start(config, listener, Clock.systemUTC())) {
            // offer() never waits for the pile (LeaseKeeperTest shows it with a sender held blocked)
            for (int i = 0; i < 50; i++) {
                driver.offer(6 + i % 20);
            }
            Await.untilSeeing("CONNECTION reported", PATIENCE, () -> listener.has(PileFailureKind.CONNECTION), () -> listener.failures);
        }
    }

    private static int read(J2modLink link, int address) {
        try {
            return holding(link, address);
        } catch (FieldReadException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading register " + address, e);
        }
    }

    private static void writeZero(int port, int address) throws Exception {
        com.ghgande.j2mod.modbus.facade.ModbusTCPMaster m = new com.ghgande.j2mod.modbus.facade.ModbusTCPMaster("127.0.0.1", port);
        m.connect();
        try {
            m.writeSingleRegister(UNIT, address, new com.ghgande.j2mod.modbus.procimg.SimpleRegister(0));
        } finally {
            m.disconnect();
        }
    }
}
