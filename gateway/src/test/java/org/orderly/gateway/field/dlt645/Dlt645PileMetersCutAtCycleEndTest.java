package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.FailureRateHint;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.gateway.field.TransformerReadTimes;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * Pile meters on the line of the transformer meter, whose reading is the overload protection's, at 2400 baud (the
 * simulated meters hold each reply back for its time on the wire and a 50 ms reply delay: a pile meter's default list,
 * two exchanges, about 0.5 s) on a 1 s cycle, one of them silent (unplugged) with the bus's 500 ms timeout and two
 * retries. Until 2026-12-06 the poller read pile meters while any of the cycle was left, at least one a cycle, each
 * read to its end: the silent one's three tries, or a pile meter begun just before the cycle's end, pushed the next
 * transformer read late. Now a pile meter is begun only with room for its read before the next transformer read (as
 * long as its last whole read took and a tenth more, a whole timeout when not known), its waits cut to what is left
 * and its retries only with room for one, the rest carried to the next cycle. Counted in transformer reads: each begun
 * more than half a cycle after the one before was due is late (the thread's scheduling is tens of ms at most).
 */
class Dlt645PileMetersCutAtCycleEndTest {
    private static final String SPEC = """
            {"meters": {"000000000001": {"02030000": 12.3456},
                        "000000000002": {"02030000": 1.5, "00010000": 100.25},
                        "000000000003": {"02030000": 2.5, "00010000": 200.25},
                        "000000000004": {"02030000": 3.5, "00010000": 300.25}},
             "pace": {"baud": 2400, "bits": 11, "reply_delay_ms": 50}}
            """;
    private static final BusTiming TIMING = new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5),
            Duration.ofMillis(500), 2, Duration.ofMillis(10), Duration.ofMillis(40));
    private static final int CYCLES = 14;
    /** How many cycles the test waits for the pile meters' rounds before it fails: only for the failure's sake. */
    private static final int MOST_CYCLES = 120;
    private static final List<String> ANSWERING = List.of("p1", "p2", "p3");

    @TempDir
    Path dir;

    @Test
    void pileMetersAreReadOnlyInTheRoomBeforeTheNextTransformerRead() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        TransformerReadTimes txReads = new TransformerReadTimes("tx");
        Map<String, Integer> readings = new HashMap<>();
        List<PollFailure> failures = new ArrayList<>();
        PollListener counted = new PollListener() {
            @Override
            public void onReading(Reading reading) {
                readings.merge(reading.meterId(), 1, Integer::sum);
            }

            @Override
            public void onFailure(PollFailure failure) {
                failures.add(failure);
            }
        };
        LatestReadings store = new LatestReadings();
        List<Dlt645Meter> piles = List.of(pile("p1", "000000000002"), pile("p2", "000000000003"),
                pile("p3", "000000000004"), pile("p4", "000000000005")); // p4 not served: silent
        List<Dlt645Meter> all = new ArrayList<>();
        all.add(new Dlt645Meter("tx", new MeterAddress("000000000001"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL)));
        all.addAll(piles);
        try (SocatPair line = new SocatPair(socat, dir);
             SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
             CapturedLog log = new CapturedLog();
             Dlt645Poller poller = new Dlt645Poller("shared-645", () -> JSerialCommLine.open(
                     new BusEndpoint.Serial(line.master.toString(), 2400, "even", 8, 1)), FailureRateHint.RS485, TIMING,
                     TimeoutBound.ANY, all, store, PollListener.all(txReads, counted), Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL)) {
            // At least CYCLES cycles, and on until what is asserted below has come: on a loaded machine the simulated
            // meters' replies are later and the rounds slower (a fixed 14 cycles failed once at load 14).
            int cycles = 0;
            while (cycles < CYCLES || !roundsCame(readings, failures) && cycles < MOST_CYCLES) {
                poller.runCycle();
                cycles++;
            }
            poller.runCycle(); // the transformer read after the last cycle's pile meters
            System.out.println("Dlt645PileMetersCutAtCycleEndTest: " + cycles + " cycles, transformer reads apart (ms) "
                    + txReads.apartMs() + ", readings " + readings + ", failures " + failures.size());
            assertThat(txReads.count()).as(meters.log()).isEqualTo(cycles + 1);
            assertThat(txReads.late(TIMING.cycle())).as("transformer reads begun more than half a cycle late; apart (ms) "
                    + txReads.apartMs()).isZero();
            // carried to later cycles, not dropped: every pile meter that answers is read, round after round
            assertThat(readings).as(meters.log()).doesNotContainKey("p4");
            for (String pile : ANSWERING) {
                assertThat(readings.getOrDefault(pile, 0)).as(pile + " read; " + readings).isGreaterThanOrEqualTo(2);
            }
            // the silent one given a whole timeout when begun, and reported: its silence is not hidden as a cut (another
            // meter's reply held back past its timeout on a loaded machine is that meter's failure, not counted here)
            assertThat(failures).as(meters.log()).filteredOn(f -> f.meterId().equals("p4")).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.message()).contains("within 500 ms"));
            assertThat(store.latest("p1").orElseThrow().values()).containsEntry("energy.import.kwh", 100.25);
        }
    }

    /** Whether each answering pile meter was read twice and the silent one's failure reported: what the test waits for. */
    private static boolean roundsCame(Map<String, Integer> readings, List<PollFailure> failures) {
        return ANSWERING.stream().allMatch(p -> readings.getOrDefault(p, 0) >= 2)
                && failures.stream().anyMatch(f -> f.meterId().equals("p4"));
    }

    private static Dlt645Meter pile(String id, String address) {
        return new Dlt645Meter(id, new MeterAddress(address), MeterRole.PILE, Dlt645Meter.defaultReads(MeterRole.PILE));
    }
}
