package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.UnavailablePorts;
import org.orderly.gateway.field.UnreliableMeters;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.FailureCounts;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.PortUnavailable;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.alarm.UnreliableMeterAlarms;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.HeldSerialPort;
import org.orderly.testkit.SocatPair;

/**
 * The client and the poller on a real serial line: jSerialComm on the master end of a socat pty pair, simulated
 * meters (a Python script with its own frame builder, dlt645_meter.py) on the other.
 */
class Dlt645SerialTest {
    private static final String SPEC = """
            {"meters": {
              "000000123456": {"02030000": 12.3456, "02030100": -1.5, "02020100": 31.5, "02020200": 0.25, "02020300": 7.125,
                               "02010100": 229.8, "00010000": 112280.26, "02800002": 50.01},
              "000000000042": {"02030000": 7.04, "00010000": 15.5},
              "000000000043": {"02030000": 1.0},
              "000000000044": {"02030000": 1.0}},
             "bad_checksum": ["000000000043"],
             "wrong_address": {"000000000044": "000000000045"}}
            """;
    /** The simulated transformer meter, asked for its total only. */
    private static final Dlt645Meter TRANSFORMER_TOTAL = new Dlt645Meter("transformer", new MeterAddress("000000123456"),
            MeterRole.TRANSFORMER, List.of(DataId.POWER_TOTAL));
    private static final Duration TIMEOUT = Duration.ofMillis(600);

    @TempDir
    Path dir;

    /** A poller on the pair's master end as the gateway runs one, at 2400 baud, no retries. */
    private static Dlt645Poller poller(SocatPair line, List<Dlt645Meter> meters, LatestReadings readings,
                                       PollListener listener) {
        // A cycle with room for the pile meters after the transformer meter: one not read yet (or failing) is begun only
        // with room for a whole timeout before the next transformer read.
        BusTiming timing = new BusTiming(Duration.ofMillis(1500), Duration.ofMillis(5), TIMEOUT, 0, Duration.ofMillis(10),
                Duration.ofMillis(10));
        return Dlt645Pollers.onSerialPort("room-645", () -> JSerialCommLine.open(endpoint(line)), timing, meters, readings,
                listener, Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL);
    }

    private static BusEndpoint.Serial endpoint(SocatPair line) {
        return new BusEndpoint.Serial(line.master.toString(), 2400, "even", 8, 1);
    }

    @Test
    void readsValuesAddressesAndEveryKindOfBadReply() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
                Dlt645Client client = new Dlt645Client(JSerialCommLine.open(endpoint(line)), TIMEOUT, Ticker.SYSTEM)) {
            MeterAddress m = new MeterAddress("000000123456");
            assertThat(client.read(m, DataId.POWER_TOTAL)).isEqualTo(12.3456);
            assertThat(client.read(m, DataId.POWER_A)).isEqualTo(-1.5);
            assertThat(client.read(m, DataId.CURRENT_A)).isEqualTo(31.5);
            assertThat(client.read(m, DataId.CURRENT_C)).isEqualTo(7.125);
            assertThat(client.read(m, DataId.VOLTAGE_A)).isEqualTo(229.8);
            assertThat(client.read(m, DataId.ENERGY_IMPORT)).isEqualTo(112280.26);
            assertThat(client.read(m, DataId.FREQUENCY)).isEqualTo(50.01);

            assertThat(client.readAddress()).isEqualTo(m);

            FieldReadException refused = catchThrowableOfType(FieldReadException.class, () -> client.read(m, DataId.VOLTAGE_C));
            assertThat(refused.kind()).isEqualTo(FailureKind.EXCEPTION_RESPONSE);
            assertThat(refused).hasMessageContaining("no such data").hasMessageContaining("000000123456");

            FieldReadException badSum = catchThrowableOfType(FieldReadException.class,
                    () -> client.read(new MeterAddress("000000000043"), DataId.POWER_TOTAL));
            assertThat(badSum.kind()).isEqualTo(FailureKind.GARBLED);
            assertThat(badSum).hasMessageContaining("checksum");

            FieldReadException wrong = catchThrowableOfType(FieldReadException.class,
                    () -> client.read(new MeterAddress("000000000044"), DataId.POWER_TOTAL));
            assertThat(wrong.kind()).isEqualTo(FailureKind.GARBLED);
            assertThat(wrong).hasMessageContaining("reply came from address 000000000045");

            FieldReadException silent = catchThrowableOfType(FieldReadException.class,
                    () -> client.read(new MeterAddress("000000000099"), DataId.POWER_TOTAL));
            assertThat(silent.kind()).isEqualTo(FailureKind.TIMEOUT);

            // The line still works after every failure.
            assertThat(client.read(new MeterAddress("000000000042"), DataId.ENERGY_IMPORT)).isEqualTo(15.5);
        }
    }

    @Test
    void anAdapterThatEchoesTheRequestIsTolerated() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        String spec = "{\"meters\": {\"000000000042\": {\"02030000\": 7.04}}, \"echo\": true}";
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, spec, line, 2400, "even");
                Dlt645Client client = new Dlt645Client(JSerialCommLine.open(endpoint(line)), TIMEOUT, Ticker.SYSTEM)) {
            assertThat(client.read(MeterAddress.parse("42"), DataId.POWER_TOTAL)).isEqualTo(7.04);
        }
    }

    @Test
    void pollerPublishesTimestampedReadingsAndSkipsAFailingMeter() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even")) {
            LatestReadings readings = new LatestReadings();
            List<Dlt645Meter> list = List.of(
                    new Dlt645Meter("transformer", new MeterAddress("000000123456"), MeterRole.TRANSFORMER,
                            Dlt645Meter.defaultReads(MeterRole.TRANSFORMER)),
                    new Dlt645Meter("pile-p1", MeterAddress.parse("42"), MeterRole.PILE, Dlt645Meter.defaultReads(MeterRole.PILE)),
                    new Dlt645Meter("pile-p2", MeterAddress.parse("99"), MeterRole.PILE, List.of(DataId.POWER_TOTAL)));
            FailureCounts counts = new FailureCounts();
            Dlt645Poller poller = poller(line, list, readings, counts);
            Instant before = Instant.now();
            for (int i = 0; i < 4; i++) {
                poller.runCycle();
            }
            poller.close();
            Reading t = readings.latest("transformer").orElseThrow();
            assertThat(t.values()).containsEntry("power.total.kw", 12.3456).containsEntry("current.a.a", 31.5)
                    .containsEntry("current.b.a", 0.25).containsEntry("current.c.a", 7.125);
            assertThat(t.readAt()).isAfter(before);
            assertThat(readings.latest("pile-p1").orElseThrow().values())
                    .isEqualTo(Map.of("power.total.kw", 7.04, "energy.import.kwh", 15.5));
            assertThat(readings.latest("pile-p2")).isEmpty();
            assertThat(readings.isStale("pile-p2", Ticker.SYSTEM.now(), Duration.ofHours(1))).isTrue();
            assertThat(counts.failures("pile-p2")).containsKey(FailureKind.TIMEOUT);
        }
    }

    /**
     * A pile meter that never answers on a line the simulated meters serve (its address not among them): each of its
     * failures told to the poller's listener as the Modbus poller's are, and at its third failed poll the page's
     * {@code METER_UNRELIABLE}, by the same code. Until 2026-12-04 the DL/T 645 poller counted its failures itself and
     * told no listener, and the page had no alarm of a silent pile meter.
     */
    @Test
    void aSilentPileMetersFailuresReachTheListenerAndThePage() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even")) {
            FailureCounts counts = new FailureCounts();
            UnreliableMeters unreliable = new UnreliableMeters();
            PollListener both = PollListener.all(counts, unreliable);
            List<Dlt645Meter> list = List.of(TRANSFORMER_TOTAL,
                    new Dlt645Meter("pile-p2", MeterAddress.parse("99"), MeterRole.PILE, List.of(DataId.POWER_TOTAL)));
            try (Dlt645Poller poller = poller(line, list, new LatestReadings(), both)) {
                for (int i = 0; i < 3; i++) {
                    poller.runCycle();
                }
            }

            assertThat(counts.failures("pile-p2")).as(meters.log()).isEqualTo(Map.of(FailureKind.TIMEOUT, 3L));
            assertThat(UnreliableMeterAlarms.conditions(unreliable.now(), "gw")).singleElement()
                    .extracting(AlarmBoard.Condition::kind, AlarmBoard.Condition::detail)
                    .containsExactly(AlarmKind.METER_UNRELIABLE, "pile-p2: 3 of 3 polls failed in 1 min");
        }
    }

    /**
     * The line's port held by another program (a commissioning command left running), then let go: the page's
     * {@code PORT_UNAVAILABLE} names the line and why, as the WARN begins, from the first failed open until the port
     * opens and the meter is read. Until 2026-12-04 the page said nothing of it (but METER_STALE for a transformer
     * meter).
     */
    @Test
    void aPortAnotherProgramHoldsIsThePagesAlarmUntilItOpens() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even")) {
            UnavailablePorts ports = new UnavailablePorts();
            LatestReadings readings = new LatestReadings();
            try (Dlt645Poller poller = poller(line, List.of(TRANSFORMER_TOTAL), readings, ports)) {
                try (HeldSerialPort held = new HeldSerialPort(line.master, dir.resolve("held.log"))) {
                    poller.runCycle();
                }
                assertThat(ports.now()).containsExactly(new PortUnavailable("room-645", "serial port " + line.master
                        + " is there but cannot be opened (error 11: in use)", List.of("transformer")));

                poller.runCycle();

                assertThat(readings.latest("transformer")).as(meters.log()).isPresent();
                assertThat(ports.now()).isEmpty();
            }
        }
    }
}
