package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transformer meter and eight pile meters on one bus, as a Modbus TCP gateway in front of RS-485 meters has them
 * (scripted link, hand-moved clock): 500 ms cycle, 10 ms gap, 300 ms timeout, 2 retries, a {@code chint-dtsu666}
 * transformer meter and eight {@code eastron-sdm120} pile meters. The transformer read must start on its period
 * whatever the piles do, and pile meters that answer quickly must be read in the rest of the cycle.
 */
class SharedBusThroughputTest {

    private static final Instant T0 = Instant.parse("2026-01-15T19:00:00Z");
    private static final Duration CYCLE = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final BusTiming TIMING = new BusTiming(CYCLE, Duration.ofMillis(10), TIMEOUT, 2,
            Duration.ofMillis(20), Duration.ofMillis(200));
    /** How late a transformer read may start: none is allowed, a millisecond for rounding. */
    private static final Duration TOLERANCE = Duration.ofMillis(1);
    private static final int TX = 1;
    private static final int FIRST_PILE = 11;
    private static final int PILES = 8;
    /** Cycles in which each pile meter is read once before the steady state: one new pile a cycle at most. */
    private static final int WARM_UP = 10;

    /** One bus under test: its clock, link, poller, and what the poller reported. */
    private static final class SharedBus {
        final MutableClock clock = new MutableClock(T0);
        final ScriptedLink link;
        final CollectingListener listener = new CollectingListener();
        final List<Reading> readings = listener.readings;
        final List<PollFailure> failures = listener.failures;
        final BusPoller poller;

        SharedBus(Duration perRequest) throws Exception {
            link = new ScriptedLink(clock, perRequest);
            List<Meter> meters = new ArrayList<>();
            meters.add(new Meter("tx", TX, DeviceMaps.load("chint-dtsu666"), MeterRole.TRANSFORMER));
            RegisterMap pileMap = DeviceMaps.load("eastron-sdm120");
            for (int i = 0; i < PILES; i++) {
                meters.add(new Meter("pile-" + (FIRST_PILE + i), FIRST_PILE + i, pileMap, MeterRole.PILE));
            }
            poller = BusPollers.onLink(new Bus("shared", new BusEndpoint.Tcp("127.0.0.1", 502), TIMING, meters), link,
                    new LatestReadings(), listener, clock, clock, clock);
        }

        void run(int cycles) throws InterruptedException {
            for (int i = 0; i < cycles; i++) {
                poller.runCycle();
            }
        }

        /** Pile meter readings published in each cycle, by cycle. */
        int[] pileReadingsPerCycle(int cycles) {
            int[] n = new int[cycles];
            for (Reading r : readings) {
                if (r.meterId().startsWith("pile-")) {
                    n[(int) (Duration.between(T0, r.readAt()).toNanos() / CYCLE.toNanos())]++;
                }
            }
            return n;
        }

        /** When each transformer read began: its first request after another unit's. */
        List<Instant> transformerReadStarts() {
            List<Instant> starts = new ArrayList<>();
            int before = -1;
            for (ScriptedLink.Request r : link.requests) {
                if (r.unitId() == TX && before != TX) {
                    starts.add(r.at());
                }
                before = r.unitId();
            }
            return starts;
        }

        /** How much later than its period the latest transformer read began. */
        Duration latestTransformerStart() {
            List<Instant> starts = transformerReadStarts();
            Duration latest = Duration.ZERO;
            for (int k = 0; k < starts.size(); k++) {
                Duration late = Duration.between(T0.plus(CYCLE.multipliedBy(k)), starts.get(k));
                latest = late.compareTo(latest) > 0 ? late : latest;
            }
            return latest;
        }
    }

    private static double average(int[] perCycle, int from) {
        double sum = 0;
        for (int i = from; i < perCycle.length; i++) {
            sum += perCycle[i];
        }
        return sum / (perCycle.length - from);
    }

    private static int fewest(int[] perCycle, int from) {
        int min = Integer.MAX_VALUE;
        for (int i = from; i < perCycle.length; i++) {
            min = Math.min(min, perCycle[i]);
        }
        return min;
    }

    /**
     * With 20 ms an exchange (a Modbus TCP gateway) the transformer's four requests take 110 ms, and each pile meter's
     * four 120 ms with the gap before it: three pile meters fit in the rest of a 500 ms cycle with the next transformer
     * read on time (110 + 3 x 120 = 470). Holding every pile meter to room for a full 300 ms timeout read one a cycle.
     */
    @Test
    void withQuickExchangesThreePileMetersAreReadEachCycleAndTheTransformerOnItsPeriod() throws Exception {
        int cycles = 100;
        SharedBus bus = new SharedBus(Duration.ofMillis(20));
        bus.run(cycles);
        int[] perCycle = bus.pileReadingsPerCycle(cycles);
        assertThat(bus.transformerReadStarts()).hasSize(cycles);
        assertThat(bus.latestTransformerStart()).isLessThanOrEqualTo(TOLERANCE);
        assertThat(fewest(perCycle, WARM_UP)).as("pile meters read in each cycle after the first %d, of %s", WARM_UP,
                java.util.Arrays.toString(perCycle)).isGreaterThanOrEqualTo(3);
        assertThat(bus.failures).isEmpty();
    }

    /**
     * A pile meter that falls silent while the bus reads three a cycle: begun late in a cycle (with room for its usual
     * read, not for a timeout) it is waited for only until the next transformer read is due, which starts on its
     * period; that wait, cut short, is not the meter failing (no failure reported for it); and the silent pile is not
     * hidden either: given a whole timeout when next it has room for one, it is reported as timing out.
     */
    @Test
    void aPileFallingSilentLateInACycleDoesNotPushTheTransformerRead() throws Exception {
        SharedBus bus = new SharedBus(Duration.ofMillis(20));
        bus.run(20);
        // the pile meter third in turn: begun at 350 ms in the next cycle, with 150 ms left
        int lastPile = bus.link.requests.get(bus.link.requests.size() - 1).unitId();
        for (int i = bus.link.requests.size() - 1; lastPile == TX; i--) {
            lastPile = bus.link.requests.get(i).unitId();
        }
        int silent = FIRST_PILE + (lastPile - FIRST_PILE + 3) % PILES;
        int sentBefore = bus.link.requests.size();
        bus.link.fail(silent, FailureKind.TIMEOUT).takes(silent, TIMEOUT);
        bus.run(40);
        List<ScriptedLink.Request> toSilent = bus.link.requests.subList(sentBefore, bus.link.requests.size()).stream()
                .filter(r -> r.unitId() == silent).toList();
        assertThat(toSilent).as("requests to the silent pile meter").isNotEmpty();
        assertThat(toSilent).as("requests to the silent pile meter: one begun late in its cycle, %s", toSilent)
                .anySatisfy(r -> assertThat(Duration.between(T0, r.at()).toMillis() % CYCLE.toMillis())
                        .isGreaterThan(CYCLE.toMillis() - TIMEOUT.toMillis()));
        assertThat(bus.latestTransformerStart()).as("the latest transformer read").isLessThanOrEqualTo(TOLERANCE);
        assertThat(bus.transformerReadStarts()).hasSize(60);
        long wholeTimeouts = toSilent.stream().filter(r -> r.timeout() == null || !r.timeout().minus(TIMEOUT)
                .isNegative()).count();
        assertThat(bus.failures).as("failures: one for each request given the whole timeout").isNotEmpty()
                .hasSize((int) wholeTimeouts).allSatisfy(f -> {
                    assertThat(f.meterId()).isEqualTo("pile-" + silent);
                    assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
                });
    }

    /**
     * The table docs/register-maps.md quotes: pile meter readings a cycle at 20, 35 and 60 ms an exchange, 100 cycles,
     * and the transformer read on its period in each.
     */
    @Test
    void throughputTable() throws Exception {
        int cycles = 100;
        for (int ms : new int[] {20, 35, 60}) {
            SharedBus bus = new SharedBus(Duration.ofMillis(ms));
            bus.run(cycles);
            int[] perCycle = bus.pileReadingsPerCycle(cycles);
            System.out.printf("%d ms an exchange: pile readings a cycle %.2f (all 100), %.2f (after %d), fewest %d;"
                    + " latest transformer start %d ms past its period%n", ms, average(perCycle, 0),
                    average(perCycle, WARM_UP), WARM_UP, fewest(perCycle, WARM_UP),
                    bus.latestTransformerStart().toMillis());
            assertThat(bus.latestTransformerStart()).as("%d ms an exchange", ms).isLessThanOrEqualTo(TOLERANCE);
        }
    }
}
