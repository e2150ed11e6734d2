package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.limit.Reservation;
import org.orderly.gateway.core.limit.SilentOffers;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.HouseholdLoad;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.tariff.BeijingTariff;

/**
 * A plan made on households that are a bound ({@link HouseholdFigure#BOUND}: a car's draw, not known to be in the
 * reading, counted as theirs) planned its current slot at that bound, the safe side. The first measured cycle lighter
 * than it by {@code 0.1 kW} or more calls for the plan again; until 2026-12-06 the plan kept the bound until the next
 * thing that called for one (the quarter hour, an arrival). One 32 A pile, no car, the live settings, 1 s cycles.
 */
class OrderlyPolicyBoundHouseholdsTest {
    private static final double HOUSEHOLDS_KW = 8.40;
    private static final double WITH_THE_CAR_KW = 11.92;

    private final Compound compound = compound().limitKw(66).pile("P0", Phase.A, 6, 32, null).build();
    private final OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
    private final Instant start = tuesday("23:00").plusSeconds(2);

    private void decide(int second, double householdKw, HouseholdFigure figure) {
        policy.decide(new Snapshot(start.plusSeconds(second), HouseholdLoad.evenly(householdKw), List.of(), List.of(),
                Reservation.NONE, List.of(), List.of(), figure, SilentOffers.NONE));
    }

    @Test
    void aPlanMadeOnABoundIsMadeAgainAtTheFirstMeasuredCycleThatIsLighter() {
        decide(0, WITH_THE_CAR_KW, HouseholdFigure.BOUND);
        assertThat(policy.plan().baseKw(0)).as("the first plan's households now, the bound")
                .isCloseTo(WITH_THE_CAR_KW, within(1e-9));

        decide(1, HOUSEHOLDS_KW, HouseholdFigure.MEASURED);
        assertThat(policy.plan().baseKw(0)).as("the households now of the plan in force at the first measured cycle")
                .isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(policy.plansMade()).as("plans made").isEqualTo(2);
    }

    @Test
    void aMeasuredCycleNoLighterThanTheBoundCallsForNoPlan() {
        decide(0, HOUSEHOLDS_KW, HouseholdFigure.BOUND);
        decide(1, HOUSEHOLDS_KW + 0.05, HouseholdFigure.MEASURED);
        decide(2, HOUSEHOLDS_KW - 0.5, HouseholdFigure.MEASURED);

        assertThat(policy.plansMade()).as("plans made: the first measured cycle settled it").isEqualTo(1);
    }

    @Test
    void aMeasuredCycleAfterAPlanMadeOnAMeasuredOneCallsForNoPlan() {
        decide(0, WITH_THE_CAR_KW, HouseholdFigure.MEASURED);
        decide(1, HOUSEHOLDS_KW, HouseholdFigure.MEASURED);

        assertThat(policy.plansMade()).as("plans made").isEqualTo(1);
    }
}
