package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * Live, a car takes seconds to follow a lower offer (IEC 61851-1 gives it 5 s). Room moved from one car to another in
 * one cycle is drawn by both until the first has followed: the second must not be raised into it before then, in
 * whichever mode the cycle runs, and across a change of mode. A 7.5 kW transformer, two 6..32 A piles on one line:
 * room for one car at 32 A, not two. One-second cycles on a test ticker; the cars draw what the test says.
 */
class ControlCycleCarFollowTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double LIMIT_KW = 7.5;
    /** What the households draw besides the cars. */
    private static final double HOUSEHOLDS_KW = 0.2;

    private final Compound compound = CompoundFixtures.compound().limitKw(LIMIT_KW)
            .pile("P0", Phase.A, null).pile("P1", Phase.A, null).build();
    /** 23:30 in Beijing, the valley: the policy charges at once. */
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker(1_000_000_000L);
    private final OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
    private ControlCycle cycle = cycle(ClockFloor.NONE);
    /** Per pile, whether a car is plugged in. */
    private final boolean[] plugged = {true, true};

    private ControlCycle cycle(ClockFloor floor) {
        return CycleBuilder.cycle(compound, policy, clock, LIMIT_KW).clockFloor(floor).ticker(ticker).build();
    }

    /** The clock set an hour after the clock floor: the cycle runs without the policy. */
    private void clockNotSet() {
        cycle = cycle(new ClockFloor(clock.instant().plusSeconds(3600), "a test's floor"));
    }

    /**
     * One cycle, then a second on the clock and the ticker. The cars draw {@code drawA} (NaN: the pile does not say);
     * the meter reads the households and the cars, fresh unless {@code stale}.
     */
    private CycleResult run(boolean stale, double... drawA) {
        List<PileObservation> piles = new ArrayList<>();
        double carsKw = 0;
        for (int i = 0; i < drawA.length; i++) {
            boolean known = !Double.isNaN(drawA[i]);
            double kw = known ? drawA[i] * KW_PER_A_1PH : 0;  // as FieldView hands on a power the pile did not say
            piles.add(observation(i, plugged[i], kw, 1, clock.instant()).drawKnown(known).build());
            carsKw += plugged[i] ? kw : 0;
        }
        TransformerReading reading = stale ? null
                : new TransformerReading(HOUSEHOLDS_KW + carsKw, clock.instant(), Duration.ZERO);
        CycleResult r = cycle.run(reading, piles, List.of());
        clock.advanceSeconds(1);
        ticker.advance(Duration.ofSeconds(1));
        return r;
    }

    /** Car 0 alone charges until it draws its 32 A (car 1 paused by the installer), following each offer. */
    private void car0AtFullCurrent() {
        cycle.limitPile(1, 0);
        double drew = 0;
        for (int i = 0; i < 60 && drew < 32; i++) {
            drew = run(false, drew, 0).allocation().amps()[0];
        }
        assertThat(drew).as("car 0 alone: up to its 32 A").isEqualTo(32);
        run(false, 32, 0);
        cycle.limitPile(1, Double.POSITIVE_INFINITY);
    }

    private double kw(CycleResult r) {
        return compound.kw(0, r.allocation().amps()[0]) + compound.kw(1, r.allocation().amps()[1]);
    }

    @Test
    void roomTheInstallerMovesIsNotGivenToAnotherCarUntilTheFirstFollows() {
        car0AtFullCurrent();

        // Car 0 is paused, car 1 may charge. Car 0 still draws 32 A for a while.
        cycle.limitPile(0, 0);
        CycleResult moved = run(false, 32, 0);
        assertThat(moved.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(moved.allocation().amps()[0]).as("a decrease applies at once").isZero();
        assertThat(moved.allocation().amps()[1]).as("car 1 while car 0 still draws 32 A on a room for one").isZero();
        assertThat(moved.reasons().get(1)).as("held by the transformer's room").isEqualTo(PileReason.TRANSFORMER_LIMIT);
        assertThat(run(false, 32, 0).allocation().amps()[1]).as("car 0 has not followed yet").isZero();

        CycleResult followed = run(false, 0, 0);
        assertThat(followed.allocation().amps()[1]).as("car 0 has let go: car 1 has the room").isGreaterThanOrEqualTo(30);
        assertThat(kw(followed)).isLessThanOrEqualTo(LIMIT_KW - HOUSEHOLDS_KW + 1e-9);
    }

    @Test
    void aCarCutWhileItStillRisesIsHeldUntilItStopsRising() {
        // Car 0 alone is offered 32 A and ramps up: 6 A, then 12.
        plugged[1] = false;
        assertThat(run(false, 0, 0).allocation().amps()[0]).isEqualTo(32);
        run(false, 6, 0);
        // Car 1 comes: car 0 is cut to share the room. Drawing 12 A and rising, it may go on to its 32 A before it sees
        // the cut.
        plugged[1] = true;
        CycleResult cut = run(false, 12, 0);
        double offer = cut.allocation().amps()[0];
        assertThat(offer).isLessThan(32);
        assertThat(cut.allocation().amps()[1]).as("car 1 while car 0 may still rise to 32 A").isZero();

        // Within an ampere of its new offer, but 7 A and more above its 12: rising through its offer, not settled at it.
        CycleResult rising = run(false, offer - 0.5, 0);
        assertThat(rising.allocation().amps()[1]).as("car 0 has not followed yet").isZero();

        CycleResult settled = run(false, offer, 0);
        assertThat(settled.allocation().amps()[1]).as("car 0 stopped at its offer: car 1 has its share").isGreaterThan(6);
        assertThat(kw(settled)).isLessThanOrEqualTo(LIMIT_KW - HOUSEHOLDS_KW + 1e-9);
    }

    @Test
    void theRoomOfACarStillFollowingIsHeldWhenTheReadingGoesStale() {
        car0AtFullCurrent();

        // The meter falls silent: the safe EV power (the transformer's 7.5 kW) is shared, half to each car. Car 0 is cut
        // from 32 A, but still draws 32 A (7.04 kW) for up to 5 s: car 1 rising to its half would load 10.8 kW.
        CycleResult first = run(true, 32, 0);
        assertThat(first.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(first.allocation().amps()[0]).as("a decrease applies at once").isLessThan(32);
        assertThat(first.allocation().amps()[1]).as("car 1 while car 0 still draws 32 A").isZero();
        assertThat(run(true, 32, 0).allocation().amps()[1]).as("car 0 has not followed yet").isZero();

        CycleResult followed = run(true, first.allocation().amps()[0], 0);
        assertThat(followed.allocation().amps()[1]).as("car 0 has let go: car 1 has its share").isGreaterThan(6);
        assertThat(kw(followed)).isLessThanOrEqualTo(LIMIT_KW);
    }

    @Test
    void theRoomOfACarStillFollowingIsHeldWithTheClockNotSet() {
        clockNotSet();
        plugged[1] = false;
        CycleResult alone = run(false, 0, 0);
        assertThat(alone.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(alone.allocation().amps()[0]).isEqualTo(32);

        // Car 1 comes: the live room is shared, car 0 is cut, but it draws 32 A until it follows.
        plugged[1] = true;
        CycleResult shared = run(false, 32, 0);
        assertThat(shared.allocation().amps()[0]).isLessThan(32);
        assertThat(shared.allocation().amps()[1]).as("car 1 while car 0 still draws 32 A").isZero();

        CycleResult followed = run(false, shared.allocation().amps()[0], 0);
        assertThat(followed.allocation().amps()[1]).as("car 0 has let go").isGreaterThan(6);
        assertThat(kw(followed)).isLessThanOrEqualTo(LIMIT_KW - HOUSEHOLDS_KW + 1e-9);
    }

    @Test
    void aStepOfTheWallClockNeitherEndsNorLengthensAHold() {
        // The meter is silent: car 0 alone has the safe power's 32 A; car 1 comes and the safe power is shared.
        plugged[1] = false;
        assertThat(run(true, 0, 0).allocation().amps()[0]).isEqualTo(32);
        plugged[1] = true;
        assertThat(run(true, 32, 0).allocation().amps()[1]).as("car 0 has not followed yet").isZero();

        // NTP steps the wall clock a minute forward; a second passes on the ticker. Car 0 never follows.
        clock.advanceSeconds(60);
        List<Double> car1 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            car1.add(run(true, 32, 0).allocation().amps()[1]);
        }
        assertThat(car1.subList(0, 4)).as("held for the rest of the follow time, on the ticker").containsOnly(0.0);
        assertThat(car1.get(4)).as("5 s after the cut on the ticker: the car has had its time").isGreaterThan(6);
    }

    @Test
    void aCarWhoseDrawIsNotKnownMayStillDrawItsOldOfferForTheFollowTime() {
        // The meter is silent: car 0 alone has the safe power's 32 A; its pile does not say what the car draws.
        plugged[1] = false;
        assertThat(run(true, Double.NaN, 0).allocation().amps()[0]).isEqualTo(32);
        plugged[1] = true;
        List<Double> car1 = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            car1.add(run(true, Double.NaN, 0).allocation().amps()[1]);
        }
        assertThat(car1.subList(0, 5)).as("nothing says car 0 has followed: held for the follow time").containsOnly(0.0);
        assertThat(car1.get(5)).as("then it has had its time").isGreaterThan(6);
    }
}
