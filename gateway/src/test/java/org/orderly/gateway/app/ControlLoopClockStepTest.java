package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.pile.ChargeState;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileState;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;

/**
 * The control loop when NTP steps the wall clock: the transformer meter's readings, as the pollers publish them, must
 * reach the Limiter after a step back, and a meter that falls silent must still send the compound into conservative
 * mode after {@code staleAfter}, however the wall clock moved meanwhile. And a cycle goes by one instant of the wall
 * clock, however it moves while the cycle runs.
 */
class ControlLoopClockStepTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration STALE = Duration.ofSeconds(3);
    private static final double LIMIT_KW = 100;
    private static final double SAFE_EV_KW = 8;
    /** 01:00 in Beijing, in the valley: urgent cars charge at their piles' maximum. */
    private static final Instant ONE_AM = Instant.parse("2026-01-13T17:00:00Z");

    @TempDir
    Path dir;

    private final Compound compound = CompoundFixtures.compound().limitKw(LIMIT_KW)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).pile("P3", Phase.C, null).build();
    private final CreepingClock clock = new CreepingClock(new VirtualClock(ONE_AM.minusSeconds(60), ZONE));
    /** The time that has passed, which NTP's steps of the wall clock leave alone. */
    private final TestTicker ticker = new TestTicker();
    private final LatestReadings readings = new LatestReadings();
    private final List<Car> cars = new ArrayList<>();
    private Store store;
    private ControlLoop loop;
    private double householdKw = 20;
    private List<GridCap> caps = List.of();
    /** The time each cycle ran at, as the loop hands it to the telemetry and records it. */
    private final List<Instant> cycleTimes = new ArrayList<>();

    @BeforeEach
    void start() {
        for (int i = 0; i < compound.pileCount(); i++) {
            cars.add(new Car(compound.pile(i).id(), compound.kwPerAmp(i)));
        }
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), clock);
        // The cycle and the field view on one ticker, as the gateway wires them: a reading's age and a pile report's
        // are then measured alike.
        loop = LoopBuilder.loop(compound, store, clock, cars).safeEvKw(SAFE_EV_KW).staleAfter(STALE).ticker(ticker)
                .readings(readings).caps(() -> caps).period(Duration.ofSeconds(1)).build();
        loop.observe(new CycleListener() {
            @Override
            public void cycle(CycleSeen seen) {
                Instant now = seen.at();
                cycleTimes.add(now);
            }
        });
        // Every car plugged in and wanting 40 kWh within the hour: each is offered its pile's maximum.
        meterReads();
        loop.runCycle();
        for (int i = 0; i < cars.size(); i++) {
            loop.declare(i, new Declaration(ONE_AM.plus(Duration.ofHours(1)), 40));
        }
        while (clock.instant().isBefore(ONE_AM)) {
            second();
        }
        assertThat(loop.lastResult().mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(evKw(loop.lastResult())).as("EV kW at 01:00 with 20 kW households").isGreaterThan(20);
    }

    @AfterEach
    void stop() {
        LoopBuilder.close(loop, store);
    }

    @Test
    void afterAStepBackTheNextCycleLimitsToTheHouseholdLoadTheMeterReadsNow() {
        stepWallClock(Duration.ofHours(-1)); // 01:00 becomes 00:00
        for (int s = 0; s < 5; s++) {
            second();
        }
        householdKw = 90; // at 00:00:05 the households take 90 kW
        meterReads();
        pass(Duration.ofMillis(500));
        loop.runCycle();

        CycleResult r = loop.lastResult();
        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.baseKw()).as("the households' load the Limiter worked from").isCloseTo(90, within(0.5));
        assertThat(evKw(r)).as("EV kW allowed with 90 kW households").isLessThanOrEqualTo(LIMIT_KW - 90 + 1e-9);
    }

    @Test
    void aMeterSilentSinceJustBeforeAStepBackIsStaleAfterStaleAfter() {
        stepWallClock(Duration.ofHours(-1)); // 01:00 becomes 00:00, and the meter says nothing more
        pass(Duration.ofSeconds(2));
        loop.runCycle();
        assertThat(loop.lastResult().mode()).as("2 s after the last reading").isEqualTo(ControlMode.NORMAL);

        pass(Duration.ofSeconds(2));
        loop.runCycle();

        CycleResult r = loop.lastResult();
        assertThat(r.mode()).as("4 s after the last reading, stale after 3 s").isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(evKw(r)).isLessThanOrEqualTo(SAFE_EV_KW + 1e-9);
    }

    @Test
    void aStepForwardDoesNotMakeAReadingTakenASecondAgoStale() {
        pass(Duration.ofSeconds(1));
        stepWallClock(Duration.ofHours(1)); // 01:00:01 becomes 02:00:01; the newest reading was taken 1 s ago
        loop.runCycle();
        assertThat(loop.lastResult().mode()).isEqualTo(ControlMode.NORMAL);
    }

    /**
     * A cap that ends a millisecond after the cycle's time: the loop reads the clock first (the time its cycle is
     * recorded and reported at), and the cycle's own parts read it again a moment later, past the cap's end. The
     * cycle keeps to the cap in force at its time, as its telemetry then says (docs/upstream.md, "telemetry",
     * {@code limitKw}). Until 2026-12-04 the cycle and the policy read the clock again, so the cycle let go of the cap
     * while its telemetry, reported at the loop's time, said the cap: 21.1 kW of EV load beside a 30 kW limit and
     * 20 kW of households.
     */
    @Test
    void aCapEndingWhileTheCycleRunsIsKeptToByTheCycleThatReportsIt() {
        Instant end = clock.instant().plusSeconds(5).plusMillis(1);
        caps = List.of(new GridCap("evening", ONE_AM.minusSeconds(3600), end, 30));
        for (int s = 0; s < 4; s++) {
            second();
        }
        assertThat(evKw(loop.lastResult())).as("EV kW under the 30 kW cap").isLessThanOrEqualTo(10 + 1e-9);
        pass(Duration.ofMillis(500));
        meterReads();
        pass(Duration.ofMillis(500));
        assertThat(clock.instant()).as("the next cycle's time").isEqualTo(end.minusMillis(1));

        clock.creep = true; // every read of the clock from now on a millisecond later than the one before
        loop.runCycle();
        clock.creep = false;

        Instant at = cycleTimes.get(cycleTimes.size() - 1);
        CycleResult r = loop.lastResult();
        double limit = ChargingPolicy.limitAt(compound, r.caps(), at);
        assertThat(limit).as("the limit at the cycle's time %s, as its telemetry says it", at).isEqualTo(30);
        assertThat(evKw(r)).as("EV kW the cycle at %s offered, with %.1f kW of households under a %.0f kW limit", at,
                r.baseKw(), limit).isLessThanOrEqualTo(limit - r.baseKw() + 1e-9);
    }

    /** The meter is read (as its poller would, every half period), then a cycle runs a second after the last. */
    private void second() {
        pass(Duration.ofMillis(500));
        meterReads();
        pass(Duration.ofMillis(500));
        loop.runCycle();
    }

    /** Time passes: the wall clock moves with it. */
    private void pass(Duration d) {
        clock.set(clock.instant().plus(d));
        ticker.advance(d);
    }

    /** NTP steps the wall clock; no time passes. */
    private void stepWallClock(Duration step) {
        clock.set(clock.instant().plus(step));
    }

    /** The transformer meter's total, the households and what the cars draw, is read now and published. */
    private void meterReads() {
        double ev = cars.stream().mapToDouble(Car::kw).sum();
        readings.publish(new Reading("tx", Map.of(FieldView.TOTAL_POWER, householdKw + ev), clock.instant(),
                ticker.now()));
    }

    private double evKw(CycleResult r) {
        double kw = 0;
        for (int i = 0; i < compound.pileCount(); i++) {
            kw += compound.kw(i, r.allocation().amps()[i]);
        }
        return kw;
    }

    /** The test's wall clock, which may be made to move a millisecond at every read, as a real one moves. */
    private static final class CreepingClock extends Clock {
        private final VirtualClock clock;
        boolean creep;

        CreepingClock(VirtualClock clock) {
            this.clock = clock;
        }

        void set(Instant t) {
            clock.set(t);
        }

        @Override
        public ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test's clock has one zone");
        }

        @Override
        public Instant instant() {
            Instant now = clock.instant();
            if (creep) {
                clock.set(now.plusMillis(1));
            }
            return now;
        }
    }

    /** A pile with a car that draws what it is offered, reporting at once. */
    private final class Car implements PileDriver {
        private final String id;
        private final double kwPerAmp;
        private double amps;

        Car(String id, double kwPerAmp) {
            this.id = id;
            this.kwPerAmp = kwPerAmp;
        }

        double kw() {
            return amps * kwPerAmp;
        }

        @Override
        public String pileId() {
            return id;
        }

        @Override
        public void offer(double a) {
            amps = a;
        }

        @Override
        public Optional<PileState> latest() {
            return Optional.of(new PileState(id, ChargeState.C, amps, kw(), 0, Optional.empty(), clock.instant(),
                    ticker.now()));
        }

        @Override
        public void close() {
        }
    }
}
