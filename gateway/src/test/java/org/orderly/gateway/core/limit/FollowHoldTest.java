package org.orderly.gateway.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.time.Tick;

/**
 * What {@link FollowHold} holds back and what not, given the room, last cycle's offers, the Limiter's allocation and
 * the cars' measured draws. Two circuits of 8 kW under a 100 kW transformer; piles 6..32 A on line A.
 */
class FollowHoldTest {
    private final Compound compound = compound();
    private final Limiter limiter = new Limiter(compound, Double.POSITIVE_INFINITY, 0.1);
    private final double[] room = compound.room(0, 100);

    private static Compound compound() {
        return CompoundFixtures.compound().limitKw(100).circuit("c1", 8).circuit("c2", 8)
            .pile("X", Phase.A, "c1").pile("Y", Phase.A, "c1").pile("Z", Phase.A, "c2").build();
    }

    private static Request wants(int pile, double amps, double previousA) {
        return new Request(pile, amps, 1, previousA);
    }

    private static FollowHold hold(long followSeconds) {
        return new FollowHold(compound(), Duration.ofSeconds(followSeconds));
    }

    /**
     * One cycle at {@code t} seconds on the ticker: a car on each pile asked for, each last allowed its request's
     * {@code previousA}, having drawn {@code drawA}.
     */
    private Allocation run(FollowHold hold, List<Request> requests, double[] drawA, long t) {
        return runAt(hold, requests, drawA, Duration.ofSeconds(t));
    }

    /** {@link #run}, at {@code t} on the ticker: for cycles shorter than a second. */
    private Allocation runAt(FollowHold hold, List<Request> requests, double[] drawA, Duration t) {
        boolean[] car = new boolean[compound.pileCount()];
        double[] offered = new double[compound.pileCount()];
        for (Request r : requests) {
            car[r.pileIndex()] = true;
            offered[r.pileIndex()] = r.previousA();
        }
        hold.see(car, offered, drawA, new Tick(t.toNanos()));
        return hold.apply(room, limiter.limit(room, requests));
    }

    @Test
    void anIncreaseOnTheNodeOfACarNotYetFollowingIsHeldAndOneElsewhereIsNot() {
        FollowHold hold = hold(5);
        // X had 32 A and is cut to 6; Y asks to rise from 6 to 32 on the same 8 kW circuit; Z rises on its own circuit.
        List<Request> r = List.of(wants(0, 6, 32), wants(1, 32, 6), wants(2, 32, 6));
        Allocation a = run(hold, r, new double[] {32, 6, 6}, 100);
        assertThat(a.amps()).containsExactly(6, 6, 32);
        assertThat(compound.nodeName(a.limitedBy()[1])).as("Y is told what holds it: its circuit").contains("c1");
        assertThat(hold.following(0)).isTrue();

        // X now draws 7 A, within a whole ampere of its 6: it has followed; Y rises.
        a = run(hold, List.of(wants(0, 6, 6), wants(1, 32, 6), wants(2, 32, 32)), new double[] {7, 6, 32}, 101);
        assertThat(a.amps()[1]).isGreaterThan(6);
        assertThat(hold.following(0)).isFalse();
    }

    @Test
    void aCarThatDrewLessThanItsNewOfferHoldsNothing() {
        FollowHold hold = hold(5);
        Allocation a = run(hold, List.of(wants(0, 0, 32), wants(1, 32, 0)), new double[] {0, 0, 0}, 100);
        assertThat(a.amps()[1]).as("X was offered 32 A but drew nothing (full)").isEqualTo(32);
    }

    @Test
    void aHoldIsCountedAtWhatTheCarDrawsNotWhatItWasOffered() {
        // X was offered 32 A but its car took 5 (tapering); cut to 0, it may still draw 5 A and a whole ampere of
        // rounding: 1.32 kW. Y's 28 A (6.16 kW) fit beside that in 8 kW; beside the 32 A offered (7.04 kW) they would not.
        FollowHold hold = hold(5);
        Allocation a = run(hold, List.of(wants(0, 0, 32), wants(1, 28, 0)), new double[] {5, 0, 0}, 100);
        assertThat(hold.following(0)).isTrue();
        assertThat(a.amps()[1]).isEqualTo(28);
        // Drawing 10 A, it may still draw 11: 2.42 kW, and Y's 28 A no longer fit. Y is held whole, not re-shared.
        FollowHold busier = hold(5);
        a = run(busier, List.of(wants(0, 0, 32), wants(1, 28, 0)), new double[] {10, 0, 0}, 100);
        assertThat(a.amps()[1]).isZero();
    }

    @Test
    void aCarWhoseDrawIsNotKnownIsHeldAtItsOldOfferForTheFollowTime() {
        // X had 32 A and is cut to 0; its pile does not say what it draws. Y's 28 A fit beside nothing, not beside 32 A.
        FollowHold hold = hold(5);
        double unknown = Double.NaN;
        Allocation a = run(hold, List.of(wants(0, 0, 32), wants(1, 28, 0)), new double[] {unknown, 0, 0}, 100);
        assertThat(a.amps()[1]).isZero();
        assertThat(run(hold, List.of(wants(0, 0, 0), wants(1, 28, 0)), new double[] {unknown, 0, 0}, 104).amps()[1])
                .as("nothing says it followed").isZero();
        assertThat(hold.following(0)).isTrue();
        assertThat(run(hold, List.of(wants(0, 0, 0), wants(1, 28, 0)), new double[] {unknown, 0, 0}, 105).amps()[1])
                .as("5 s on: the car has had its time").isEqualTo(28);
    }

    @Test
    void aHeldCarKeptFromRisingIsStillCountedAtWhatItMayDraw() {
        FollowHold hold = hold(5);
        run(hold, List.of(wants(0, 20, 32)), new double[] {32, 0, 0}, 100);
        // A second on, X still draws 32 A; the Limiter would raise it to 24 A and start Y at 6 A on the 8 kW circuit.
        // X is kept at its 20 A, but may still draw 32: 32 + 6 A is 8.36 kW, over the circuit, so Y waits too.
        Allocation a = run(hold, List.of(wants(0, 24, 20), wants(1, 6, 0)), new double[] {32, 0, 0}, 101);
        assertThat(a.amps()[0]).isEqualTo(20);
        assertThat(a.amps()[1]).as("X counted at its 32 A, not at the 24 A it was kept from").isZero();
    }

    @Test
    void whatAHeldCarMayDrawIsItsDrawAndAnAmpereUpToItsOldOfferAndOnceItEndsItsOffer() {
        FollowHold hold = hold(5);
        run(hold, List.of(wants(0, 10, 32)), new double[] {30, 0, 0}, 100);
        run(hold, List.of(wants(0, 10, 10)), new double[] {30, 0, 0}, 101);
        assertThat(hold.mayDrawA(0)).as("held: what it drew and an ampere").isEqualTo(31);
        run(hold, List.of(wants(0, 10, 10)), new double[] {40, 0, 0}, 102);
        assertThat(hold.mayDrawA(0)).as("never more than its old offer").isEqualTo(32);
        run(hold, List.of(wants(0, 10, 10)), new double[] {Double.NaN, 0, 0}, 103);
        assertThat(hold.mayDrawA(0)).as("its draw not known: its old offer").isEqualTo(32);
        run(hold, List.of(wants(0, 10, 10)), new double[] {30, 0, 0}, 105);
        assertThat(hold.mayDrawA(0)).as("its time over: the offer in force").isEqualTo(10);
        assertThat(hold.mayDrawA(1)).as("no hold").isZero();
    }

    @Test
    void aCarCutWhileItStillRisesMayRiseToItsOldOffer() {
        // X was offered 32 A and is ramping up: 6 A, then 12. Cut to 20 A, it may rise past 20 towards 32 before it
        // sees the cut. Y asks to rise from nothing to 14 A on the same 8 kW circuit (34.8 A): 20 + 14 A fit, 32 + 14 not.
        FollowHold hold = hold(5);
        run(hold, List.of(wants(0, 32, 32)), new double[] {6, 0, 0}, 99);
        Allocation a = run(hold, List.of(wants(0, 20, 32), wants(1, 14, 0)), new double[] {12, 0, 0}, 100);
        assertThat(hold.following(0)).isTrue();
        assertThat(a.amps()[1]).as("Y beside X's 32 A, not beside the 12 A and an ampere it drew").isZero();
    }

    @Test
    void aCarRisingThroughItsNewOfferHasNotFollowedItUntilItStopsRising() {
        FollowHold hold = hold(5);
        run(hold, List.of(wants(0, 32, 32)), new double[] {6, 0, 0}, 99);
        run(hold, List.of(wants(0, 20, 32)), new double[] {12, 0, 0}, 100);
        // A second on it draws 19.5 A, within an ampere of its 20, but 7.5 A more than it drew: still on its way up.
        Allocation a = run(hold, List.of(wants(0, 20, 20), wants(1, 14, 0)), new double[] {19.5, 0, 0}, 101);
        assertThat(hold.following(0)).as("rising through its new offer, not settled at it").isTrue();
        assertThat(hold.mayDrawA(0)).as("on its way up: its old offer").isEqualTo(32);
        assertThat(a.amps()[1]).as("Y beside X's 32 A").isZero();
        // The same reading again (its meter not read since) says no more than it did.
        a = run(hold, List.of(wants(0, 20, 20), wants(1, 14, 0)), new double[] {19.5, 0, 0}, 102);
        assertThat(hold.following(0)).as("a reading repeated is not a car that stopped").isTrue();
        assertThat(a.amps()[1]).isZero();
        // Then 20.3 A: less than an ampere more, rounding, not a rise. It has stopped at its offer: Y rises.
        a = run(hold, List.of(wants(0, 20, 20), wants(1, 14, 0)), new double[] {20.3, 0, 0}, 103);
        assertThat(hold.following(0)).isFalse();
        assertThat(a.amps()[1]).isEqualTo(14);
    }

    /** Pile X's car, offered 32 A, draws each of {@code drawsA} in turn, a reading a second up to {@code t}. */
    private void drew(FollowHold hold, long t, double... drawsA) {
        for (int k = 0; k < drawsA.length; k++) {
            run(hold, List.of(wants(0, 32, 32)), new double[] {drawsA[k], 0, 0}, t - drawsA.length + k);
        }
    }

    @Test
    void aCarRampingByLessThanAnAmpereAReadingIsStillRising() {
        // X's car ramps up 0.9 A a reading, never more than an ampere from one to the next, and is cut from 32 A to 20
        // at 12.3 A; Y asks for 14 A on the same 8 kW circuit (34.8 A): beside 20 A it fits, beside 32 A it does not.
        FollowHold hold = hold(5);
        drew(hold, 100, 6, 6.9, 7.8, 8.7, 9.6, 10.5, 11.4);
        Allocation a = run(hold, List.of(wants(0, 20, 32), wants(1, 14, 0)), new double[] {12.3, 0, 0}, 100);
        assertThat(a.amps()[1]).as("Y beside X's 32 A").isZero();
        // A second on it draws 13.2 A, well within its 20, still 0.9 A more: not a car that has followed.
        a = run(hold, List.of(wants(0, 20, 20), wants(1, 14, 0)), new double[] {13.2, 0, 0}, 101);
        assertThat(hold.following(0)).as("still on its way up").isTrue();
        assertThat(hold.mayDrawA(0)).as("its old offer, not its draw and an ampere").isEqualTo(32);
        assertThat(a.amps()[1]).isZero();
    }

    @Test
    void aCarRampingByLessThanAnAmpereAReadingThroughItsNewOfferHasNotFollowed() {
        // Cut from 32 A to 20 at 17.4 A, it goes on 0.9 A a reading: 18.3, 19.2, 20.1, within an ampere of its offer
        // and less than an ampere above the reading before, but rising as it did before the cut, not stopped there.
        FollowHold hold = hold(5);
        drew(hold, 100, 13.8, 14.7, 15.6, 16.5);
        run(hold, List.of(wants(0, 20, 32), wants(1, 14, 0)), new double[] {17.4, 0, 0}, 100);
        double[] draws = {18.3, 19.2, 20.1};
        for (int k = 0; k < draws.length; k++) {
            double draw = draws[k];
            Allocation a = run(hold, List.of(wants(0, 20, 20), wants(1, 14, 0)), new double[] {draw, 0, 0}, 101 + k);
            assertThat(hold.following(0)).as("at %s A", draw).isTrue();
            assertThat(a.amps()[1]).as("at %s A", draw).isZero();
        }
    }

    @Test
    void aCarRampingUnevenlyThroughItsNewOfferHasNotFollowed() {
        // Cut from 32 A to 20, each goes on as before, its steps uneven: the last within an ampere of its offer, less
        // than an ampere and at most half its step before. A car ramping at its own pace, not one that came to its
        // offer in a jump and stopped there.
        double[][] ramps = {
            {11.9, 13.1, 14.0, 15.2, 16.1, 17.3, 18.2, 19.4, 20.3}, // 1.2 A and 0.9 in turn, cut at 16.1
            {14.7, 15.5, 15.85, 16.65, 17.0, 17.8, 18.15, 18.95, 19.3}, // 0.8 A and 0.35 in turn, cut at 17.0
        };
        for (double[] draws : ramps) {
            FollowHold hold = hold(5);
            drew(hold, 100, Arrays.copyOf(draws, 4));
            run(hold, List.of(wants(0, 20, 32), wants(1, 14, 0)), new double[] {draws[4], 0, 0}, 100);
            for (int k = 5; k < draws.length; k++) {
                double draw = draws[k];
                Allocation a = run(hold, List.of(wants(0, 20, 20), wants(1, 14, 0)), new double[] {draw, 0, 0}, 96 + k);
                assertThat(hold.following(0)).as("at %s A", draw).isTrue();
                assertThat(a.amps()[1]).as("at %s A", draw).isZero();
            }
        }
    }

    @Test
    void aCarCutAsItSlowsIsStillRising() {
        // X's car ramps up fast, 6 A then 12, and is cut to 20 A; its next reading, 12.5 A, is only half an ampere
        // more: it is slowing, not stopped, and it may still rise to its old 32 A before it sees the cut.
        FollowHold hold = hold(5);
        drew(hold, 100, 6);
        run(hold, List.of(wants(0, 20, 32), wants(1, 14, 0)), new double[] {12, 0, 0}, 100);
        Allocation a = run(hold, List.of(wants(0, 20, 20), wants(1, 14, 0)), new double[] {12.5, 0, 0}, 101);
        assertThat(hold.following(0)).as("12.5 A after 6 and 12: still on its way up").isTrue();
        assertThat(hold.mayDrawA(0)).isEqualTo(32);
        assertThat(a.amps()[1]).as("Y beside X's 32 A").isZero();
    }

    @Test
    void aSteadyCarWithMeterNoiseAndATaperingCarAreCountedAtTheirDrawAndFollowAtOnce() {
        // Cut from 32 A to 6, each counted at what it drew and an ampere (at most 13.3 A); Y's 20 A fit beside that in
        // the 8 kW circuit (34.8 A), not beside 32 A. Its next reading within an ampere of its 6 A: it has followed.
        double[][] cars = {
            {12.1, 11.8, 12.2, 11.9, 12.3, 11.7, 12.0, 12.3}, // steady at 12 A, the meter a few tenths either way
            {14.0, 13.6, 13.8, 13.3, 12.9, 13.2, 12.8, 12.3}, // tapering, a reading now and then a little up
        };
        for (double[] draws : cars) {
            FollowHold hold = hold(5);
            drew(hold, 100, Arrays.copyOf(draws, draws.length - 1));
            double last = draws[draws.length - 1];
            Allocation a = run(hold, List.of(wants(0, 6, 32), wants(1, 20, 0)), new double[] {last, 0, 0}, 100);
            assertThat(hold.following(0)).isTrue();
            assertThat(a.amps()[1]).as("%s", Arrays.toString(draws)).isEqualTo(20);
            run(hold, List.of(wants(0, 6, 6), wants(1, 20, 20)), new double[] {6.4, 20, 0}, 101);
            assertThat(hold.following(0)).as("%s", Arrays.toString(draws)).isFalse();
        }
    }

    @Test
    void aCarThatCameDownToItsCutHasFollowedHoweverLowItStartedFrom() {
        // OfflinePileLiveTest's start: X's car read 0 A before it was given current, then 24.5 A, its offer moved a
        // tenth up and back by the policy, each reading the same again for cycles (a simulated car draws its offer
        // exactly). Cut to 15.9 A so that Y may rise from 7.2 to 15.9 on the 8 kW circuit (34.8 A), it reads 15.9 A:
        // it has come down to its offer, not risen from the 0 A it read before it started.
        FollowHold hold = hold(5);
        run(hold, List.of(wants(0, 24.5, 0), wants(1, 7.2, 7.2)), new double[] {0, 7.2, 0}, 100);
        run(hold, List.of(wants(0, 24.6, 24.5), wants(1, 7.2, 7.2)), new double[] {24.5, 7.2, 0}, 101);
        run(hold, List.of(wants(0, 24.5, 24.6), wants(1, 7.2, 7.2)), new double[] {24.6, 7.2, 0}, 102);
        for (long t = 103; t < 110; t++) {
            run(hold, List.of(wants(0, 24.5, 24.5), wants(1, 7.2, 7.2)), new double[] {24.5, 7.2, 0}, t);
        }
        Allocation a = run(hold, List.of(wants(0, 15.9, 24.5), wants(1, 15.9, 7.2)), new double[] {24.5, 7.2, 0}, 110);
        assertThat(a.amps()[1]).as("Y beside X's 24.5 A").isEqualTo(7.2);
        a = run(hold, List.of(wants(0, 15.9, 15.9), wants(1, 15.9, 7.2)), new double[] {15.9, 7.2, 0}, 111);
        assertThat(hold.following(0)).as("X at its 15.9 A, down from 24.5").isFalse();
        assertThat(a.amps()[1]).isEqualTo(15.9);
    }

    @Test
    void aCarComingDownToItsCutOverTwoReadingsIsCountedAtItsDrawAndFollowsAtItsOffer() {
        // X's car read 0 A, then 31.8 given 31.8; cut to 15.9 A it reads 20 A, then 15.9: on its way down, counted at
        // its 20 A and an ampere (Y's 15.9 A do not fit beside 21 A in 34.8), then followed, and Y rises.
        FollowHold hold = hold(5);
        run(hold, List.of(wants(0, 31.8, 0)), new double[] {0, 0, 0}, 100);
        run(hold, List.of(wants(0, 31.8, 31.8)), new double[] {31.8, 0, 0}, 101);
        run(hold, List.of(wants(0, 15.9, 31.8), wants(1, 15.9, 0)), new double[] {31.8, 0, 0}, 102);
        Allocation a = run(hold, List.of(wants(0, 15.9, 15.9), wants(1, 15.9, 0)), new double[] {20, 0, 0}, 103);
        assertThat(hold.following(0)).isTrue();
        assertThat(hold.mayDrawA(0)).as("coming down: its draw and an ampere, not its old offer").isEqualTo(21);
        assertThat(a.amps()[1]).isZero();
        a = run(hold, List.of(wants(0, 15.9, 15.9), wants(1, 15.9, 0)), new double[] {15.9, 0, 0}, 104);
        assertThat(hold.following(0)).as("at its 15.9 A").isFalse();
        assertThat(a.amps()[1]).isEqualTo(15.9);
    }

    @Test
    void aCarThatCameDownAndRampsAgainIsRisingFromWhereItCameDown() {
        // X read 31.8 A and was cut to 6, which it followed; raised again, it ramps up 0.9 A a reading from its 6 A and
        // is cut to 20 at 8.7 A: rising from 6, however far below its 31.8 A of before. Y's 14 A wait (34.8 A).
        FollowHold hold = hold(5);
        run(hold, List.of(wants(0, 31.8, 31.8)), new double[] {31.8, 0, 0}, 100);
        run(hold, List.of(wants(0, 6, 31.8)), new double[] {31.8, 0, 0}, 101);
        run(hold, List.of(wants(0, 32, 6)), new double[] {6, 0, 0}, 102);
        run(hold, List.of(wants(0, 32, 32)), new double[] {6.9, 0, 0}, 103);
        run(hold, List.of(wants(0, 32, 32)), new double[] {7.8, 0, 0}, 104);
        Allocation a = run(hold, List.of(wants(0, 20, 32), wants(1, 14, 0)), new double[] {8.7, 0, 0}, 105);
        assertThat(hold.mayDrawA(0)).as("on its way up again: its old offer").isEqualTo(32);
        assertThat(a.amps()[1]).isZero();
    }

    /**
     * X's car, offered 32 A, reads 6 A, then steps to 16 (what it takes) and reads exactly that, a reading every
     * {@code period}, until 10 s after its step; returns that time.
     */
    private Duration steppedAndHeld(FollowHold hold, Duration period) {
        Duration t = Duration.ofSeconds(100);
        runAt(hold, List.of(wants(0, 32, 32)), new double[] {6, 0, 0}, t);
        Duration stepped = t.plus(period);
        for (t = stepped; t.compareTo(stepped.plusSeconds(10)) < 0; t = t.plus(period)) {
            runAt(hold, List.of(wants(0, 32, 32)), new double[] {16, 0, 0}, t);
        }
        return t;
    }

    @Test
    void aCarThatSteppedUpAndThenDrewTheSameForTheFollowTimeIsNotRising() {
        // Its 6 A, the same 16 A again never pushes out: for 10 s it has drawn 16, not ramped. Cut from 32 A to 10 so
        // that Y may have 17 A on the 8 kW circuit (34.8 A): beside its 16 A and an ampere they fit, beside 32 A not.
        // Still at 16 A a reading on, it is held at that; then it reads 10 A: it has followed. At one-second cycles
        // and at 0.1 s (control.periodMs 100) alike.
        for (Duration period : List.of(Duration.ofSeconds(1), Duration.ofMillis(100))) {
            FollowHold hold = hold(5);
            Duration t = steppedAndHeld(hold, period);
            Allocation a = runAt(hold, List.of(wants(0, 10, 32), wants(1, 17, 0)), new double[] {16, 0, 0}, t);
            assertThat(hold.following(0)).as("every %s", period).isTrue();
            assertThat(a.amps()[1]).as("every %s: Y beside X's 17 A", period).isEqualTo(17);
            t = t.plus(period);
            a = runAt(hold, List.of(wants(0, 10, 10), wants(1, 17, 17)), new double[] {16, 17, 0}, t);
            assertThat(hold.mayDrawA(0)).as("every %s: its draw and an ampere, not its old 32 A", period).isEqualTo(17);
            assertThat(a.amps()[1]).isEqualTo(17);
            t = t.plus(period);
            a = runAt(hold, List.of(wants(0, 10, 10), wants(1, 17, 17)), new double[] {10, 17, 0}, t);
            assertThat(hold.following(0)).as("every %s: at its 10 A", period).isFalse();
            assertThat(a.amps()[1]).isEqualTo(17);
        }
    }

    @Test
    void aCarSteadyBelowItsCutHasFollowedAtItsNextReadingNotAfterTheFollowTime() {
        // The same car, cut from 32 A to 20: it draws 16, less than its new offer, and is not rising, so it may draw
        // no more than that offer. Y's 14 A fit beside its 20 A in 34.8 A, not beside 32: Y rises at once, and at X's
        // next reading X has followed (not held the 5 s, which each further cut would start again).
        for (Duration period : List.of(Duration.ofSeconds(1), Duration.ofMillis(100))) {
            FollowHold hold = hold(5);
            Duration t = steppedAndHeld(hold, period);
            Allocation a = runAt(hold, List.of(wants(0, 20, 32), wants(1, 14, 0)), new double[] {16, 0, 0}, t);
            assertThat(a.amps()[1]).as("every %s: Y beside X's 20 A", period).isEqualTo(14);
            runAt(hold, List.of(wants(0, 20, 20), wants(1, 14, 14)), new double[] {16, 14, 0}, t.plus(period));
            assertThat(hold.following(0)).as("every %s: 16 A, within its 20", period).isFalse();
        }
    }

    @Test
    void aCarThatSteppedUpIsRisingUntilItHasDrawnTheSameForTheFollowTime() {
        // Stepped from 6 A to 16, 4 s on it may still be on its way up to its 32 A (a car ramps in steps too): cut to
        // 20 A, it is counted at 32, and Y's 14 A wait (34.8 A). 5 s on, it has drawn the same for as long as a car
        // has to follow a cut: not rising, counted at its new 20 A, and Y rises.
        for (long steady : new long[] {4, 5}) {
            FollowHold hold = hold(5);
            run(hold, List.of(wants(0, 32, 32)), new double[] {6, 0, 0}, 100);
            for (long t = 101; t < 101 + steady; t++) {
                run(hold, List.of(wants(0, 32, 32)), new double[] {16, 0, 0}, t);
            }
            Allocation a = run(hold, List.of(wants(0, 20, 32), wants(1, 14, 0)), new double[] {16, 0, 0}, 101 + steady);
            assertThat(a.amps()[1]).as("%s s at 16 A", steady).isEqualTo(steady < 5 ? 0 : 14);
        }
    }

    @Test
    void aSlowRampIsStillRisingAtTenthOfASecondCycles() {
        // control.periodMs 100: X's car ramps up 0.5 A a reading from 6 A and is cut from 32 A to 20 at 12 A, then goes
        // on through its 20: rising all the way, held at its old 32 A; Y's 14 A wait (34.8 A).
        risingThroughACutAtTenthOfASecondCycles(6, 0.5, 12, 17);
    }

    @Test
    void aRampOfAnAmpereASecondIsStillRisingAtTenthOfASecondCycles() {
        // control.periodMs 100, a pile meter reading to 0.1 A: X's car ramps up an ampere a second, so each reading is
        // a tenth above the one before, and five of them span 0.4 A. Cut from 32 A to 20 at 12 A, it goes on rising
        // for the 5 s it has to follow: it rose 5 A in the 5 s before, so it is rising all the way, counted at its old
        // 32 A; Y's 14 A wait (34.8 A).
        risingThroughACutAtTenthOfASecondCycles(6, 0.1, 60, 49);
    }

    /**
     * At 0.1 s cycles X's car, offered 32 A, reads {@code before} draws {@code step} apart from {@code from}, is cut to
     * 20 A at the next, and goes on by {@code step} for {@code after} readings: at each it is still rising, may draw its
     * old 32 A, and Y's 14 A wait (34.8 A). Each draw is {@code from} and a whole number of steps, so no sum drifts.
     */
    private void risingThroughACutAtTenthOfASecondCycles(double from, double step, int before, int after) {
        FollowHold hold = hold(5);
        Duration period = Duration.ofMillis(100);
        Duration t = Duration.ofSeconds(100);
        for (int k = 0; k < before; k++, t = t.plus(period)) {
            runAt(hold, List.of(wants(0, 32, 32)), new double[] {drawn(from, step, k), 0, 0}, t);
        }
        runAt(hold, List.of(wants(0, 20, 32), wants(1, 14, 0)), new double[] {drawn(from, step, before), 0, 0}, t);
        for (int k = before + 1; k <= before + after; k++) {
            double draw = drawn(from, step, k);
            t = t.plus(period);
            Allocation a = runAt(hold, List.of(wants(0, 20, 20), wants(1, 14, 0)), new double[] {draw, 0, 0}, t);
            assertThat(hold.following(0)).as("at %s A", draw).isTrue();
            assertThat(hold.mayDrawA(0)).as("at %s A", draw).isEqualTo(32);
            assertThat(a.amps()[1]).as("at %s A", draw).isZero();
        }
    }

    /** {@code from} and {@code k} steps, to a tenth of a milliampere: a meter's reading, not a sum's rounding. */
    private static double drawn(double from, double step, int k) {
        return Math.round((from + k * step) * 10_000) / 10_000.0;
    }

    @Test
    void aRampOfAQuarterAmpereASecondIsRisingAtAnyControlPeriod() {
        // X's car ramps up 0.25 A a second for 10 s from 10 A: in the 5 s a car has to follow it rose 1.25 A, more than
        // the rounding. Cut from 32 A to 20 at 12.5 A it is rising, counted at its old 32 A; Y's 14 A wait (34.8 A).
        // The same at one-second cycles (five readings back span only 1 A) and at 0.1 s.
        for (Duration period : List.of(Duration.ofSeconds(1), Duration.ofMillis(100))) {
            FollowHold hold = hold(5);
            int readings = (int) (Duration.ofSeconds(10).toNanos() / period.toNanos());
            double step = 0.25 * period.toNanos() / 1e9;
            Duration t = Duration.ofSeconds(100);
            for (int k = 0; k < readings; k++, t = t.plus(period)) {
                runAt(hold, List.of(wants(0, 32, 32)), new double[] {10 + k * step, 0, 0}, t);
            }
            Allocation a = runAt(hold, List.of(wants(0, 20, 32), wants(1, 14, 0)), new double[] {12.5, 0, 0}, t);
            assertThat(hold.following(0)).as("every %s", period).isTrue();
            assertThat(a.amps()[1]).as("every %s: Y beside X's 32 A", period).isZero();
            a = runAt(hold, List.of(wants(0, 20, 20), wants(1, 14, 0)), new double[] {12.5 + step, 0, 0}, t.plus(period));
            assertThat(hold.mayDrawA(0)).as("every %s: still rising", period).isEqualTo(32);
            assertThat(a.amps()[1]).as("every %s", period).isZero();
        }
    }

    @Test
    void aSteadyCarWithMeterNoiseFollowsAtOnceAtTenthOfASecondCycles() {
        // The steady car of above at control.periodMs 100: 12 A, a few tenths either way, for 10 s of readings (the
        // 5 s a car has to follow span 50 of them). Cut from 32 A to 6, it is counted at its draw and an ampere, so Y's
        // 20 A fit; its next reading within an ampere of its 6 A: it has followed.
        double[] noise = {0.1, -0.2, 0.2, -0.1, 0.3, -0.3, 0.0, 0.3, -0.2};
        FollowHold hold = hold(5);
        Duration period = Duration.ofMillis(100);
        Duration t = Duration.ofSeconds(100);
        for (int k = 0; k < 100; k++, t = t.plus(period)) {
            runAt(hold, List.of(wants(0, 32, 32)), new double[] {12 + noise[k % noise.length], 0, 0}, t);
        }
        Allocation a = runAt(hold, List.of(wants(0, 6, 32), wants(1, 20, 0)), new double[] {12.3, 0, 0}, t);
        assertThat(hold.following(0)).isTrue();
        assertThat(a.amps()[1]).as("Y beside X's 12.3 A and an ampere").isEqualTo(20);
        runAt(hold, List.of(wants(0, 6, 6), wants(1, 20, 20)), new double[] {6.4, 20, 0}, t.plus(period));
        assertThat(hold.following(0)).isFalse();
    }

    @Test
    void aPileStartingFromNothingIsHeldAtNothingAndOneRunningKeepsWhatItHad() {
        FollowHold hold = hold(5);
        Allocation a = run(hold, List.of(wants(0, 6, 32), wants(1, 20, 10)), new double[] {32, 10, 0}, 100);
        assertThat(a.amps()[1]).as("Y keeps its 10 A, not less").isEqualTo(10);
        FollowHold other = hold(5);
        a = run(other, List.of(wants(0, 6, 32), wants(1, 20, 0)), new double[] {32, 0, 0}, 100);
        assertThat(a.amps()[1]).as("Y had nothing: it stays at nothing, never below its minimum").isZero();
    }

    @Test
    void theHoldEndsAfterTheFollowTime() {
        FollowHold hold = hold(5);
        run(hold, List.of(wants(0, 0, 32), wants(1, 32, 0)), new double[] {32, 0, 0}, 100);
        assertThat(run(hold, List.of(wants(0, 0, 0), wants(1, 32, 0)), new double[] {32, 0, 0}, 104).amps()[1]).isZero();
        assertThat(run(hold, List.of(wants(0, 0, 0), wants(1, 32, 0)), new double[] {32, 0, 0}, 105).amps()[1])
                .as("5 s on: the car has had its time").isEqualTo(32);
    }

    @Test
    void offHoldsNothingAndACarGoneEndsItsHold() {
        FollowHold off = hold(0);
        assertThat(run(off, List.of(wants(0, 0, 32), wants(1, 32, 0)), new double[] {32, 0, 0}, 100).amps()[1]).isEqualTo(32);
        FollowHold hold = hold(5);
        run(hold, List.of(wants(0, 0, 32), wants(1, 32, 0)), new double[] {32, 0, 0}, 100);
        assertThat(run(hold, List.of(wants(1, 32, 0)), new double[] {0, 0, 0}, 101).amps()[1])
                .as("X unplugged: nothing left to follow").isEqualTo(32);
    }
}
