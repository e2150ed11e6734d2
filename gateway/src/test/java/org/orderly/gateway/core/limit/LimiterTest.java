package org.orderly.gateway.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.CompoundFixtures.compound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;

/**
 * Scenarios for one control cycle of the Limiter. Unless a scenario says otherwise: 100 kW
 * transformer, 220 V, single-phase piles of 6..32 A (1.32..7.04 kW), no ramp, 0.1 A resolution.
 */
class LimiterTest {
    private static final double NO_RAMP = Double.POSITIVE_INFINITY;
    private static final double TOL = 1e-9;
    private static final int TRANSFORMER = 0;

    /** The room left by {@code amps} of single-phase load at 220 V. */
    private static double kwFor(double amps) {
        return amps * KW_PER_A_1PH;
    }

    private static Request wants(int pile, double desiredA, double laxityHours) {
        return new Request(pile, desiredA, laxityHours, 0);
    }

    private static Allocation limit(Compound c, double[] room, Request... requests) {
        return new Limiter(c, NO_RAMP, 0.1).limit(room, List.of(requests));
    }

    // ---------------------------------------------------------------- urgency

    @ParameterizedTest(name = "urgent pile P{0}, requests listed {1}")
    @CsvSource({"1, urgent-first", "1, urgent-last", "2, urgent-first", "2, urgent-last"})
    void underShortageTheLeastLaxPileRunsWhateverThePileOrderOrArrival(int urgentPile, String listing) {
        Compound c = compound().pile("P1", Phase.A, null).pile("P2", Phase.A, null).build();
        int urgent = urgentPile - 1;
        int relaxed = 1 - urgent;
        // 10 A of room: one 6 A minimum fits, two do not
        double[] room = c.room(100 - kwFor(10), 100);
        List<Request> requests = new ArrayList<>(List.of(wants(urgent, 32, 0.5), wants(relaxed, 32, 6)));
        if (listing.equals("urgent-last")) {
            requests = List.of(requests.get(1), requests.get(0));
        }

        Allocation a = new Limiter(c, NO_RAMP, 0.1).limit(room, requests);

        assertThat(a.amps()[urgent]).isCloseTo(10, within(TOL));
        assertThat(a.amps()[relaxed]).isZero();
        assertThat(a.limitedBy()[urgent]).isEqualTo(TRANSFORMER);
        assertThat(a.limitedBy()[relaxed]).isEqualTo(TRANSFORMER);
    }

    @Test
    void aPileDrawingKeepsItsRoomFromAWaitingOneOfLikeLaxity() {
        Compound c = compound().pile("P1", Phase.A, null).pile("P2", Phase.A, null).build();
        // 10 A of room: one 6 A minimum fits, two do not. P2 draws; P1, first by index, is a quarter hour less lax.
        double[] room = c.room(100 - kwFor(10), 100);

        Allocation a = limit(c, room, new Request(0, 32, 2.0, 0), new Request(1, 32, 2.25, 10));

        assertThat(a.amps()[1]).as("the pile drawing").isCloseTo(10, within(TOL));
        assertThat(a.amps()[0]).as("the pile waiting").isZero();

        // Its laxity more than Urgency.DRAWING_AHEAD_HOURS above the waiting one's, it gives way.
        Allocation later = limit(c, room, new Request(0, 32, 1.5, 0), new Request(1, 32, 2.25, 10));

        assertThat(later.amps()[0]).as("the pile waiting, now the more urgent").isCloseTo(10, within(TOL));
        assertThat(later.amps()[1]).isZero();
    }

    @Test
    void overdueSessionsWithNegativeLaxityComeFirst() {
        Compound c = compound().pile("P1", Phase.A, null).pile("P2", Phase.A, null).pile("P3", Phase.A, null).build();
        double[] room = c.room(100 - kwFor(13), 100); // two minimums fit, not three

        Allocation a = limit(c, room, wants(0, 32, 0), wants(1, 32, -1.5), wants(2, 32, 2));

        assertThat(a.amps()[0]).isCloseTo(6.5, within(TOL));
        assertThat(a.amps()[1]).isCloseTo(6.5, within(TOL));
        assertThat(a.amps()[2]).isZero();
    }

    // ---------------------------------------------------------------- fairness

    @Test
    void whenRoomIsShortForAllEveryPileGetsTheSameAmps() {
        Compound c = compound().pile("P1", Phase.A, null).pile("P2", Phase.B, null).pile("P3", Phase.C, null).build();
        double[] room = c.room(100 - kwFor(45), 100); // 45 A for three piles that each want 32

        Allocation a = limit(c, room, wants(0, 32, 5), wants(1, 32, 1), wants(2, 32, 9));

        assertThat(a.amps()).containsExactly(new double[] {15, 15, 15}, within(TOL));
        assertThat(a.limitedBy()).containsExactly(TRANSFORMER, TRANSFORMER, TRANSFORMER);
    }

    @Test
    void aPileThatWantsLessThanItsShareLeavesTheRestToTheOthers() {
        Compound c = compound().pile("P1", Phase.A, null).pile("P2", Phase.A, null).pile("P3", Phase.A, null).build();
        double[] room = c.room(100 - kwFor(45), 100);

        Allocation a = limit(c, room, wants(0, 8, 5), wants(1, 32, 1), wants(2, 40, 9));

        assertThat(a.amps()).containsExactly(new double[] {8, 18.5, 18.5}, within(TOL));
        assertThat(a.limitedBy()).containsExactly(-1, TRANSFORMER, TRANSFORMER);
    }

    @Test
    void fairnessHoldsInAmpsEvenWhenMinimumCurrentsDiffer() {
        Compound c = compound().pile("P1", Phase.A, 6, 32, null).pile("P2", Phase.A, 10, 32, null).build();
        double[] room = c.room(100 - kwFor(20), 100); // 20 A for two piles that each want 32

        Allocation a = limit(c, room, wants(0, 32, 1), wants(1, 32, 1));

        // (10, 10) is feasible (both at or above their minimum) and beats (8, 12) in max-min order
        assertThat(a.amps()).containsExactly(new double[] {10, 10}, within(TOL));
    }

    // ---------------------------------------------------------------- minimum current

    @Test
    void aPileIsPausedRatherThanOfferedLessThanItsMinimum() {
        Compound c = compound().pile("P1", Phase.A, 6, 32, null).build();
        double[] room = c.room(100 - kwFor(5.9), 100); // room for 5.9 A, minimum is 6 A

        Allocation a = limit(c, room, wants(0, 32, 1));

        assertThat(a.amps()[0]).isZero();
        assertThat(a.limitedBy()[0]).isEqualTo(TRANSFORMER);
    }

    @Test
    void aPileThatAsksForLessThanItsMinimumIsStoppedNotRaised() {
        Compound c = compound().pile("P1", Phase.A, 6, 32, null).pile("P2", Phase.A, 6, 32, null).build();
        double[] room = c.room(0, 100);

        Allocation a = limit(c, room, wants(0, 4, 1), wants(1, 0, 1));

        assertThat(a.amps()).containsExactly(0.0, 0.0);
    }

    @Test
    void aPileAskingForExactlyItsMinimumGetsIt() {
        Compound c = compound().pile("P1", Phase.A, 6, 32, null).build();

        Allocation a = limit(c, c.room(100 - kwFor(6), 100), wants(0, 6, 1));

        assertThat(a.amps()[0]).isCloseTo(6, within(TOL));
        assertThat(a.limitedBy()[0]).isEqualTo(-1);
    }

    /**
     * The policy asks in kW and divides by the pile's kW per ampere: 7 A of a three-phase pile at 230 V comes back as
     * 6.999999999999999 A, which must still be its minimum, not less than it (a pile asked less gets nothing).
     */
    @Test
    void anAskForTheMinimumThatCameBackFromKilowattsAHairShortIsTheMinimum() {
        Compound c = compound().voltageV(230).pile("P1", Phase.ABC, 7, 16, null).build();
        double askedA = c.kw(0, 7) / c.kwPerAmp(0);
        assertThat(askedA).isLessThan(7);

        Allocation a = limit(c, c.room(0, 100), wants(0, askedA, 1));

        assertThat(a.amps()[0]).isEqualTo(7);
    }

    @Test
    void aPileIsNeverOfferedMoreThanItsMaximum() {
        Compound c = compound().pile("P1", Phase.ABC, null).build(); // 6..16 A

        Allocation a = limit(c, c.room(0, 100), wants(0, 63, 1));

        assertThat(a.amps()[0]).isCloseTo(16, within(TOL));
    }

    @Test
    void ampsAreRoundedDownToTheResolution() {
        Compound c = compound().pile("P1", Phase.A, null).build();
        double[] room = c.room(100 - kwFor(13.37), 100);

        Allocation a = new Limiter(c, NO_RAMP, 0.5).limit(room, List.of(wants(0, 32, 1)));

        assertThat(a.amps()[0]).isCloseTo(13.0, within(TOL));
    }

    /** The amperes go on the wire and into the logs as decimals: 22.7, not 22.700000000000003. */
    @Test
    void ampsRoundedToATenthAreTheDecimalTheyStandFor() {
        Compound c = compound().pile("P1", Phase.A, null).build();
        List<String> written = new ArrayList<>();
        for (int tenths = 60; tenths <= 320; tenths++) {
            double[] room = c.room(100 - kwFor(tenths / 10.0 + 0.05), 100);
            double amps = limit(c, room, wants(0, 32, 1)).amps()[0];
            if (!Double.toString(amps).equals(Double.toString(tenths / 10.0))) {
                written.add(amps + " for " + tenths / 10.0);
            }
        }

        assertThat(written).isEmpty();
    }

    // ---------------------------------------------------------------- ramping

    @ParameterizedTest(name = "previous {0} A, desired {1} A -> {2} A")
    @CsvSource({
        "20, 10, 10", // a decrease applies at once
        "20, 0, 0", // so does a stop
        "10, 20, 12", // an increase is ramped by 2 A per cycle
        "31, 32, 32", // the last step may be smaller than the ramp
        "0, 20, 8", // a pile that starts goes to its minimum plus one ramp
        "3, 20, 8", // so does one that was below its minimum
        "6, 32, 8", // one at its minimum ramps from there
    })
    void decreasesApplyAtOnceWhileIncreasesRamp(double previousA, double desiredA, double expectedA) {
        Compound c = compound().pile("P1", Phase.A, null).build();
        Limiter limiter = new Limiter(c, 2, 0.1);

        Allocation a = limiter.limit(c.room(0, 100), List.of(new Request(0, desiredA, 1, previousA)));

        assertThat(a.amps()[0]).isCloseTo(expectedA, within(TOL));
    }

    @Test
    void aShrinkingRoomCutsARampedPileAtOnce() {
        Compound c = compound().pile("P1", Phase.A, null).build();
        Limiter limiter = new Limiter(c, 2, 0.1);

        Allocation a = limiter.limit(c.room(100 - kwFor(9), 100), List.of(new Request(0, 32, 1, 30)));

        assertThat(a.amps()[0]).isCloseTo(9, within(TOL));
        assertThat(a.limitedBy()[0]).isEqualTo(TRANSFORMER);
    }

    // ---------------------------------------------------------------- limits

    @Test
    void aGridCapBelowTheTransformerLimitBinds() {
        Compound c = compound().limitKw(100).pile("P1", Phase.A, null).build();
        double base = 50;

        Allocation uncapped = limit(c, c.room(base, 100), wants(0, 32, 1));
        Allocation capped = limit(c, c.room(base, base + kwFor(10)), wants(0, 32, 1));

        assertThat(uncapped.amps()[0]).isCloseTo(32, within(TOL));
        assertThat(uncapped.limitedBy()[0]).isEqualTo(-1);
        assertThat(capped.amps()[0]).isCloseTo(10, within(TOL));
        assertThat(capped.limitedBy()[0]).isEqualTo(TRANSFORMER);
    }

    @Test
    void aPhaseLimitBindsSinglePhasePilesOnThatLineOnly() {
        // 100 A per line; four A piles and a three-phase pile share line A; one B pile is alone
        Compound c = compound().limitKw(100).phaseLimitA(100)
                .pile("A1", Phase.A, null).pile("A2", Phase.A, null).pile("A3", Phase.A, null).pile("A4", Phase.A, null)
                .pile("B1", Phase.B, null).pile("T1", Phase.ABC, null).build();
        List<Request> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(wants(i, 32, i));
        }
        all.add(wants(5, 16, 7));

        Allocation a = new Limiter(c, NO_RAMP, 0.1).limit(c.room(0, 100), all);

        // line A: the 3-phase pile reaches its 16 A, the four A piles share the remaining 84 A
        assertThat(a.amps()).containsExactly(new double[] {21, 21, 21, 21, 32, 16}, within(TOL));
        assertThat(a.limitedBy()).containsExactly(1, 1, 1, 1, -1, -1);
    }

    @Test
    void aThreePhasePileIsStoppedByItsFullestLine() {
        // base 30 kW puts 10 kW (45.45 A) on every line; line C also has two 32 A piles
        Compound c = compound().limitKw(100).phaseLimitA(100)
                .pile("C1", Phase.C, null).pile("C2", Phase.C, null).pile("T1", Phase.ABC, 6, 32, null).build();
        double[] room = c.room(30, 100);

        Allocation a = limit(c, room, wants(0, 32, 1), wants(1, 32, 1), wants(2, 32, 1));

        // line C has 100 - 45.45 = 54.54 A, shared by three piles: 18.18 A each
        assertThat(a.amps()).containsExactly(new double[] {18.1, 18.1, 18.1}, within(TOL));
        assertThat(a.limitedBy()).containsExactly(3, 3, 3);
    }

    @Test
    void aCircuitLimitBindsOnlyThePilesUnderIt() {
        Compound c = compound().limitKw(100).circuit("garage", kwFor(20))
                .pile("G1", Phase.A, "garage").pile("G2", Phase.B, "garage").pile("F1", Phase.C, null).build();

        Allocation a = limit(c, c.room(10, 100), wants(0, 32, 1), wants(1, 32, 2), wants(2, 32, 3));

        assertThat(a.amps()).containsExactly(new double[] {10, 10, 32}, within(TOL));
        assertThat(a.limitedBy()).containsExactly(1, 1, -1);
    }

    @Test
    void nestedCircuitsBindAtTheirOwnLevel() {
        // feeder (node 1) 50 A, garage (node 2) inside it 20 A
        Compound c = compound().limitKw(100)
                .circuit("feeder", kwFor(50)).circuit("garage", kwFor(20), "feeder")
                .pile("G1", Phase.A, "garage").pile("G2", Phase.A, "garage")
                .pile("F1", Phase.B, "feeder").pile("F2", Phase.C, "feeder")
                .pile("T1", Phase.A, null).build();
        List<Request> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(wants(i, 32, i));
        }

        Allocation a = new Limiter(c, NO_RAMP, 0.1).limit(c.room(0, 100), all);

        assertThat(a.amps()).containsExactly(new double[] {10, 10, 15, 15, 32}, within(TOL));
        assertThat(a.limitedBy()).containsExactly(2, 2, 1, 1, -1);
    }

    @Test
    void aFullInnerCircuitPausesItsPilesEvenWhenTheOuterHasRoom() {
        Compound c = compound().circuit("feeder", kwFor(50)).circuit("garage", kwFor(8), "feeder")
                .pile("G1", Phase.A, "garage").pile("G2", Phase.A, "garage").build();

        Allocation a = limit(c, c.room(0, 100), wants(0, 32, 1), wants(1, 32, 2));

        assertThat(a.amps()).containsExactly(new double[] {8, 0}, within(TOL));
        assertThat(a.limitedBy()).containsExactly(2, 2);
    }

    @Test
    void baseLoadAboveTheLimitGivesEveryPileZero() {
        Compound c = compound().limitKw(100).phaseLimitA(200).circuit("g1", 30)
                .pile("P1", Phase.A, "g1").pile("P2", Phase.ABC, null).pile("P3", Phase.C, null).build();

        Allocation a = limit(c, c.room(120, 100), wants(0, 32, -3), wants(1, 16, 0), new Request(2, 32, 4, 32));

        assertThat(a.amps()).containsExactly(0.0, 0.0, 0.0);
        assertThat(a.limitedBy()).containsExactly(TRANSFORMER, TRANSFORMER, TRANSFORMER);
    }

    @Test
    void pilesWithoutARequestGetNothingAndAreNotMarkedLimited() {
        Compound c = compound().pile("P1", Phase.A, null).pile("P2", Phase.A, null).build();

        Allocation a = limit(c, c.room(0, 100), wants(1, 20, 1));

        assertThat(a.amps()).containsExactly(new double[] {0, 20}, within(TOL));
        assertThat(a.limitedBy()).containsExactly(-1, -1);
    }

    @Test
    void theCallersRoomArrayIsNotModified() {
        Compound c = compound().pile("P1", Phase.A, null).build();
        double[] room = c.room(50, 100);

        limit(c, room, wants(0, 32, 1));

        assertThat(room).containsExactly(50.0);
    }

    @Test
    void aRoomThatIsNotANumberNeitherHangsNorGrantsCurrent() {
        Compound c = compound().pile("P1", Phase.A, null).pile("P2", Phase.B, null).build();
        double[] room = c.room(Double.NaN, 100); // the meter gave no reading

        Allocation a = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                return limit(c, room, wants(0, 32, 1), wants(1, 32, 2));
            } catch (IllegalArgumentException rejected) {
                return null; // refusing the room outright is fine too
            }
        });

        if (a != null) {
            assertThat(a.amps()).containsExactly(0.0, 0.0);
        }
    }

    @Test
    void rampAndResolutionMustBePositive() {
        Compound c = compound().pile("P1", Phase.A, null).build();

        assertThatThrownBy(() -> new Limiter(c, 0, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limiter(c, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limiter(c, Double.NaN, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
