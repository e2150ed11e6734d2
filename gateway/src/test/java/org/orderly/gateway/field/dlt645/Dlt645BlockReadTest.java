package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * Block reads (0201FF00, 0202FF00, 0203FF00) against the simulated meters of dlt645_meter.py on a socat pty at 2400
 * baud: the script lays its block replies out from the standard's text, not with our decoder. A block is read right
 * (values, signs, scaling), a meter that refuses blocks or answers one at another length is read one quantity at a time
 * from then on, said once, and no value is ever taken from a block reply of the wrong length.
 */
class Dlt645BlockReadTest {
    /**
     * Four meters with the same values: one reads blocks, one refuses them, one adds a value to each, one answers no
     * block read at all.
     */
    private static final String VALUES = "{\"02030000\": -12.3456, \"02030100\": 1.5, \"02030200\": -0.0042, "
            + "\"02030300\": 79.9999, \"02020100\": 31.5, \"02020200\": -0.25, \"02020300\": 7.125, "
            + "\"02010100\": 229.8, \"02010200\": 231.0, \"02010300\": 0.1}";
    private static final String SPEC = "{\"meters\": {\"000000000001\": " + VALUES + ", \"000000000002\": " + VALUES
            + ", \"000000000003\": " + VALUES + ", \"000000000004\": " + VALUES + "}, \"no_blocks\": [\"000000000002\"], "
            + "\"block_extra\": {\"000000000003\": 3}, \"block_silent\": [\"000000000004\"]}";
    private static final Duration TIMEOUT = Duration.ofMillis(600);
    private static final List<DataId> DEFAULT = Dlt645Meter.defaultReads(MeterRole.TRANSFORMER);

    @TempDir
    Path dir;

    private static BusEndpoint.Serial endpoint(SocatPair line) {
        return new BusEndpoint.Serial(line.master.toString(), 2400, "even", 8, 1);
    }

    private static Dlt645Poller poller(SocatPair line, Dlt645Meter meter, LatestReadings readings) {
        BusTiming timing = new BusTiming(Duration.ofMillis(50), Duration.ofMillis(5), TIMEOUT, 1, Duration.ofMillis(10),
                Duration.ofMillis(10));
        return Dlt645Pollers.onSerialPort("room-645", () -> JSerialCommLine.open(endpoint(line)), timing, List.of(meter), readings,
                PollListener.NONE, Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL);
    }

    private static Dlt645Meter transformer(String address, List<DataId> reads) {
        return new Dlt645Meter("tx", MeterAddress.parse(address), MeterRole.TRANSFORMER, reads, 200, true);
    }

    /**
     * How many requests the script has answered, once it has said at least {@code expected} (it says so just after
     * its reply is written, so its log can trail the poll by a moment) or 5 s have passed.
     */
    private static long answers(SimulatedMeters meters, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long n;
        while ((n = meters.log().lines().filter(l -> l.startsWith("answered ")).count()) < expected
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return n;
    }

    @Test
    void blocksAreReadWithTheirSignsAndFormats() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
                Dlt645Client client = new Dlt645Client(JSerialCommLine.open(endpoint(line)), TIMEOUT, Ticker.SYSTEM)) {
            MeterAddress m = MeterAddress.parse("1");
            assertThat(client.readBlock(m, DataBlock.POWERS, DataBlock.POWERS.members()).values())
                    .containsExactly(-12.3456, 1.5, -0.0042, 79.9999);
            assertThat(client.readBlock(m, DataBlock.CURRENTS, DataBlock.CURRENTS.members()).values())
                    .containsExactly(31.5, -0.25, 7.125);
            assertThat(client.readBlock(m, DataBlock.VOLTAGES, DataBlock.VOLTAGES.members()).values())
                    .containsExactly(229.8, 231.0, 0.1);
            // Only what is wanted, in the block's order.
            assertThat(client.readBlock(m, DataBlock.POWERS, List.of(DataId.POWER_C, DataId.POWER_TOTAL)))
                    .containsExactly(Map.entry(DataId.POWER_TOTAL, -12.3456), Map.entry(DataId.POWER_C, 79.9999));

            FieldReadException refused = catchThrowableOfType(FieldReadException.class,
                    () -> client.readBlock(MeterAddress.parse("2"), DataBlock.POWERS, List.of(DataId.POWER_TOTAL)));
            assertThat(refused.kind()).isEqualTo(FailureKind.EXCEPTION_RESPONSE);
            assertThat(DataBlock.notReadBy(refused)).isTrue();
        }
    }

    @Test
    void aBlockReplyOfAnotherLengthIsRefusedWholeNeverCutIntoValues() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
                Dlt645Client client = new Dlt645Client(JSerialCommLine.open(endpoint(line)), TIMEOUT, Ticker.SYSTEM)) {
            FieldReadException misfit = catchThrowableOfType(FieldReadException.class,
                    () -> client.readBlock(MeterAddress.parse("3"), DataBlock.CURRENTS, DataBlock.CURRENTS.members()));
            assertThat(misfit).as("a reply of 12 value bytes for a block of 9").isNotNull();
            assertThat(misfit.kind()).isEqualTo(FailureKind.GARBLED);
            assertThat(misfit).hasMessageContaining("block reply carries 12 value bytes, expected 9");
            assertThat(DataBlock.notReadBy(misfit)).isTrue();
        }
    }

    @Test
    void thePollerReadsTheDefaultListInTwoBlocksScaledByTheCtRatio() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        LatestReadings readings = new LatestReadings();
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
                Dlt645Poller poller = poller(line, transformer("1", DEFAULT), readings);
                CapturedLog log = new CapturedLog()) {
            poller.pollMeter(transformer("1", DEFAULT));
            assertThat(answers(meters, 2)).as(meters.log()).isEqualTo(2);
            assertThat(readings.latest("tx").orElseThrow().values()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "power.total.kw", -12.3456 * 200, "current.a.a", 31.5 * 200, "current.b.a", -0.25 * 200,
                    "current.c.a", 7.125 * 200));
            assertThat(log.lines("WARN")).as(log.text()).isEmpty();
        }
    }

    @Test
    void aMeterRefusingBlocksIsReadOneQuantityAtATimeFromThenOnSaidOnce() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        LatestReadings readings = new LatestReadings();
        Dlt645Meter tx = transformer("2", DEFAULT);
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
                Dlt645Poller poller = poller(line, tx, readings);
                CapturedLog log = new CapturedLog()) {
            poller.pollMeter(tx);
            // The total alone (alone of its block in the list), the currents' block refused (not asked again: a refusal
            // is the meter's answer), then the three currents one at a time.
            assertThat(answers(meters, 5)).as(meters.log()).isEqualTo(5);
            assertThat(readings.latest("tx").orElseThrow().values()).containsEntry("power.total.kw", -12.3456 * 200)
                    .containsEntry("current.b.a", -0.25 * 200).hasSize(4);
            poller.pollMeter(tx);
            poller.pollMeter(tx);
            assertThat(answers(meters, 5 + 4 + 4)).as(meters.log()).isEqualTo(5 + 4 + 4);
            assertThat(poller.refusedBlocks()).containsEntry("tx", Set.of(DataBlock.CURRENTS));
            assertThat(log.lines("WARN")).as(log.text()).singleElement().satisfies(l -> assertThat(l)
                    .contains("DL/T 645 line room-645: meter tx does not read block DI 0202FF00 (currents block)")
                    .contains("no such data").contains("read one at a time from now on"));
        }
    }

    /**
     * A meter that answers single reads but no block read at all, neither a value nor a refusal. Until 2026-12-06 its
     * block read timed out at every poll, retried, the poll failed and nothing was published: taken for a silent meter
     * (its WARN a TIMEOUT, the page's alarm), never read. Now, silent to a block, it is asked the block's first quantity
     * alone at once; answering that, it is read one quantity at a time from then on, that poll included, said once.
     */
    @Test
    void aMeterSilentToBlockReadsButAnsweringSingleOnesIsReadOneAtATimeSaidOnce() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        LatestReadings readings = new LatestReadings();
        Dlt645Meter tx = transformer("4", DEFAULT);
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
                Dlt645Poller poller = poller(line, tx, readings);
                CapturedLog log = new CapturedLog()) {
            poller.pollMeter(tx);
            // The total alone, the currents' block silent to both tries, its first current alone (answered), then the
            // three currents one at a time.
            assertThat(readings.latest("tx")).as(meters.log() + log.text()).isPresent();
            assertThat(readings.latest("tx").orElseThrow().values()).containsEntry("power.total.kw", -12.3456 * 200)
                    .containsEntry("current.b.a", -0.25 * 200).hasSize(4);
            assertThat(answers(meters, 1 + 1 + 3)).as(meters.log()).isEqualTo(1 + 1 + 3);
            poller.pollMeter(tx);
            assertThat(answers(meters, 5 + 4)).as(meters.log()).isEqualTo(5 + 4);
            assertThat(meters.log().lines().filter(l -> l.startsWith("silent to block")).count()).isEqualTo(2);
            assertThat(poller.refusedBlocks()).containsEntry("tx", Set.of(DataBlock.CURRENTS));
            assertThat(log.lines("WARN")).as(log.text()).singleElement().satisfies(l -> assertThat(l)
                    .contains("DL/T 645 line room-645: meter tx does not read block DI 0202FF00 (currents block) (TIMEOUT")
                    .contains("while it answers DI 02020100 (current.a.a) asked alone): it does not answer block reads"
                            + " at all")
                    .contains("read one at a time from now on, 3 exchanges a poll instead of 1")
                    .contains("set it false"));
        }
    }

    @Test
    void aMeterAnsweringBlocksAtAnotherLengthIsReadOneAtATimeAndNothingOfTheBlockIsUsed() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        LatestReadings readings = new LatestReadings();
        List<DataId> reads = List.of(DataId.POWER_TOTAL, DataId.VOLTAGE_A, DataId.VOLTAGE_C, DataId.POWER_B);
        Dlt645Meter tx = transformer("3", reads);
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
                Dlt645Poller poller = poller(line, tx, readings);
                CapturedLog log = new CapturedLog()) {
            poller.pollMeter(tx);
            // Each misfit block asked once (not retried: its length is the meter's layout, not noise), then singly.
            assertThat(answers(meters, 2 + 4)).as(meters.log()).isEqualTo(2 + 4);
            assertThat(readings.latest("tx").orElseThrow().values()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "power.total.kw", -12.3456 * 200, "power.b.kw", -0.0042 * 200, "voltage.a.v", 229.8,
                    "voltage.c.v", 0.1));
            poller.pollMeter(tx);
            assertThat(answers(meters, 2 + 4 + 4)).as(meters.log()).isEqualTo(2 + 4 + 4);
            assertThat(log.lines("WARN")).as(log.text()).hasSize(2).anySatisfy(l -> assertThat(l)
                    .contains("block DI 0203FF00 (powers block)").contains("block reply carries 15 value bytes, expected 12"));
        }
    }

    @Test
    void thePlanKeepsTheFirstQuantityFirstAndReadsAloneWhatIsAloneInItsBlock() {
        Dlt645Meter m = new Dlt645Meter("tx", MeterAddress.parse("1"), MeterRole.TRANSFORMER, List.of(DataId.CURRENT_A,
                DataId.POWER_TOTAL, DataId.CURRENT_B, DataId.VOLTAGE_A, DataId.ENERGY_IMPORT), 1, true);
        assertThat(ReadStep.plan(m, Set.of())).containsExactly(
                new ReadStep.Block(DataBlock.CURRENTS, List.of(DataId.CURRENT_A, DataId.CURRENT_B)),
                new ReadStep.Single(DataId.POWER_TOTAL), new ReadStep.Single(DataId.VOLTAGE_A),
                new ReadStep.Single(DataId.ENERGY_IMPORT));
        assertThat(ReadStep.plan(m, Set.of(DataBlock.CURRENTS))).extracting(ReadStep::asked).containsExactly(
                DataId.CURRENT_A.toString(), DataId.POWER_TOTAL.toString(), DataId.CURRENT_B.toString(),
                DataId.VOLTAGE_A.toString(), DataId.ENERGY_IMPORT.toString());
        Dlt645Meter off = new Dlt645Meter("tx", MeterAddress.parse("1"), MeterRole.TRANSFORMER, DEFAULT, 1);
        assertThat(ReadStep.plan(off, Set.of())).hasSize(4).allMatch(s -> s instanceof ReadStep.Single);
    }
}
