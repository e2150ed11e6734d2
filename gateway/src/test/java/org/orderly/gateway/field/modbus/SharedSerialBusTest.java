package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.pile.LeaseTiming;
import org.orderly.gateway.field.pile.ModbusPileConfig;
import org.orderly.gateway.field.pile.ModbusPileDriver;
import org.orderly.gateway.field.pile.PileFailure;
import org.orderly.gateway.field.pile.PileFailureKind;
import org.orderly.gateway.field.pile.PileMap;
import org.orderly.gateway.field.pile.PileMapLoader;
import org.orderly.gateway.field.pile.PileRegister;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * A meter and two Modbus piles daisy-chained on one RS-485 line (Debian's pymodbus as an RTU slave serving all three
 * units on a socat pty): the bus's poller holds the port's one master and runs the pile drivers' reads and writes
 * between its meter reads. Counted in the poller's cycles, run on the test's thread.
 */
class SharedSerialBusTest {
    private static final int BAUD = 19200;
    private static final int METER = 1;
    private static final int PILE_A = 2;
    private static final int PILE_B = 3;
    /** Cycles allowed for what one should see in a few: a loaded machine's patience, not a bound. */
    private static final int PATIENCE = 120;

    @TempDir
    Path dir;

    @Test
    void meterReadEveryCycleWhileBothPilesAreWrittenThroughThePoller() throws Exception {
        PileMap map = pileMap();
        SlaveSpec spec = meterOn(new SlaveSpec()).serve(PILE_A, served(map)).serve(PILE_B, served(map));
        onOneLine(spec, map, (line, cycles, poller, a, b, failures) -> {
            a.offer(16.0);
            b.offer(10.0);
            cycles.runUntil(poller, c -> a.acknowledges(16.0) && b.acknowledges(10.0), PATIENCE);

            assertThat(a.acknowledges(16.0) && b.acknowledges(10.0))
                    .as("both limits acknowledged within %d cycles; failures %s; slave log %s", PATIENCE, failures,
                            line.log()).isTrue();
            assertThat(cycles.cyclesReading("meter")).as("the meter read in every one of %d cycles", cycles.cycles())
                    .isEqualTo(cycles.cycles());
            assertThat(cycles.cyclesFailing("meter")).isZero();
        }, check -> {
            assertThat(holding(check, PILE_A, map.limit())).isEqualTo(160);
            assertThat(holding(check, PILE_B, map.limit())).isEqualTo(100);
            int ttl = LeaseTiming.defaults().ttlSeconds();
            assertThat(holding(check, PILE_A, map.watchdog().orElseThrow())).isEqualTo(ttl);
            assertThat(holding(check, PILE_B, map.watchdog().orElseThrow())).isEqualTo(ttl);
            assertThat(holding(check, PILE_A, map.fallback().orElseThrow())).isEqualTo(60);
        });
    }

    @Test
    void silentPileUnitDoesNotKeepTheMeterFromBeingReadEachCycle() throws Exception {
        PileMap map = pileMap();
        SlaveSpec spec = meterOn(new SlaveSpec()).serve(PILE_A, served(map)); // PILE_B: no answer at all
        onOneLine(spec, map, (line, cycles, poller, a, silent, failures) -> {
            a.offer(16.0);
            silent.offer(10.0);
            cycles.runUntil(poller, c -> a.acknowledges(16.0) && timeouts(failures, "b") >= 3, PATIENCE);

            assertThat(timeouts(failures, "b")).as("the silent pile's timeouts; slave log %s", line.log())
                    .isGreaterThanOrEqualTo(3);
            assertThat(a.acknowledges(16.0)).as("the answering pile's limit, failures %s", failures).isTrue();
            assertThat(silent.acknowledges(10.0)).isFalse();
            assertThat(cycles.cyclesReading("meter")).as("the meter read in every one of %d cycles", cycles.cycles())
                    .isEqualTo(cycles.cycles());
            assertThat(cycles.cyclesFailing("meter")).isZero();
        }, check -> { });
    }

    /**
     * A pile that answers its request busy twice, then not at all (its own menu, then its line disturbed), times out,
     * and its failure says the busy answers, as a meter's and a pile's on a connection of its own do: it is there and
     * was busy, not a wrong unit id. Until 2026-12-04 a pile's request through the bus's poller said only the timeout.
     */
    @Test
    void aPileBusyThenSilentTimesOutSayingItHadAnsweredBusy() throws Exception {
        PileMap map = pileMap();
        SlaveSpec spec = meterOn(new SlaveSpec()).serve(PILE_A, served(map)).serve(PILE_B, served(map))
                .busyThenSilent(PILE_B, 2);
        onOneLine(spec, map, (line, cycles, poller, a, busy, failures) -> {
            busy.offer(10.0);
            cycles.runUntil(poller, c -> timeouts(failures, "b") >= 1, PATIENCE);

            // the first: pymodbus's RTU server, having given no answer, may not answer the next request at all
            assertThat(failures).as("slave log %s", line.log())
                    .filteredOn(f -> f.pileId().equals("b") && f.kind() == PileFailureKind.TIMEOUT).first()
                    .extracting(PileFailure::message).asString()
                    .endsWith(", having answered busy (exception 06, server device busy) 2 times before");
            assertThat(cycles.cyclesFailing("meter")).isZero();
        }, check -> { });
    }

    /** What a test does with the line, its poller (not started: the test runs its cycles) and piles "a" and "b". */
    @FunctionalInterface
    private interface OnTheLine {
        void run(PymodbusSlave line, CountedCycles cycles, BusPoller poller, ModbusPileDriver a, ModbusPileDriver b,
                 List<PileFailure> failures) throws Exception;
    }

    /** What a test reads afterwards on a master of its own, the poller's closed. */
    @FunctionalInterface
    private interface Afterwards {
        void check(ModbusLink link) throws Exception;
    }

    /** Serves {@code spec} on one pty, its meter polled and piles "a" (unit 2) and "b" (unit 3) driven through it. */
    private void onOneLine(SlaveSpec spec, PileMap map, OnTheLine test, Afterwards afterwards) throws Exception {
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
                PymodbusSlave slave = PymodbusSlave.rtu(ExternalTools.require("python3-pymodbus"), dir, spec, line, BAUD)) {
            BusEndpoint port = new BusEndpoint.Serial(line.master.toString(), BAUD, "none", 8, 1);
            CountedCycles cycles = new CountedCycles();
            BusPoller poller = poller(port, cycles);
            List<PileFailure> failures = new CopyOnWriteArrayList<>();
            try (ModbusPileDriver a = onBus(poller, port, "a", PILE_A, map, failures);
                    ModbusPileDriver b = onBus(poller, port, "b", PILE_B, map, failures)) {
                test.run(slave, cycles, poller, a, b, failures);
            } finally {
                poller.close();
            }
            // The slave must answer every check: a generous wait, which ends with the answer, for a loaded machine
            try (J2modLink check = new J2modLink(port, Duration.ofSeconds(10))) {
                afterwards.check(check);
            }
        }
    }

    private static PileMap pileMap() throws Exception {
        return PileMapLoader.load(DeviceMaps.directory().resolve("piles").resolve("generic-pile.yaml"));
    }

    private static SlaveSpec meterOn(SlaveSpec spec) throws Exception {
        return spec.serve(METER, meterMap());
    }

    private static RegisterMap meterMap() throws Exception {
        return DeviceMaps.all().values().iterator().next();
    }

    /**
     * A bus of one transformer meter, its poller counted by {@code cycles}. The meter and pile "a" must answer each
     * request within the timeout, pymodbus on a loaded machine too: 800 ms (the defaults' 300 until 2026-12-04), in a
     * cycle of 2.5 s (1 s) that, after the meter's reads, leaves room for two of the silent pile's requests, as the
     * defaults' cycle does for two of 300 ms.
     */
    private static BusPoller poller(BusEndpoint port, CountedCycles cycles) throws Exception {
        BusTiming timing = new BusTiming(Duration.ofMillis(2500), Duration.ofMillis(10), Duration.ofMillis(800), 2,
                Duration.ofMillis(20), Duration.ofMillis(200));
        Bus bus = new Bus("chain", port, timing,
                List.of(new Meter("meter", METER, meterMap(), MeterRole.TRANSFORMER)));
        return BusPollers.overJ2mod(bus, new LatestReadings(), cycles, Clock.systemUTC(), Ticker.SYSTEM);
    }

    private static ModbusPileDriver onBus(BusPoller poller, BusEndpoint port, String id, int unit, PileMap map,
                                          List<PileFailure> failures) {
        ModbusPileConfig config = ModbusPileConfig.of(id, port, unit, map).onBus("chain")
                .with(LeaseTiming.defaults(), Duration.ofSeconds(1));
        return ModbusPileDriver.startOnBus(config, poller.pileRequests(), failures::add, Clock.systemUTC(),
                Ticker.SYSTEM);
    }

    private static long timeouts(List<PileFailure> failures, String pileId) {
        return failures.stream().filter(f -> f.pileId().equals(pileId) && f.kind() == PileFailureKind.TIMEOUT).count();
    }

    /** What a pile of {@code map} is served: its status registers, and its written registers (0 at first). */
    private static List<RegisterPoint> served(PileMap map) {
        List<RegisterPoint> points = new ArrayList<>(map.status().points());
        Stream.of(map.limit(), map.watchdog().orElseThrow(), map.fallback().orElseThrow()).forEach(r -> points.add(
                new RegisterPoint(r.name(), r.address(), FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16,
                        WordOrder.BIG, 1, 0)));
        return points;
    }

    private static int holding(ModbusLink link, int unit, PileRegister r) throws Exception {
        return link.read(unit, FunctionCode.READ_HOLDING_REGISTERS, r.address(), 1)[0];
    }
}
