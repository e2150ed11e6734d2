package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.CycleSimulator.Car;
import org.orderly.gateway.core.policy.CycleSimulator.Cycle;
import org.orderly.gateway.core.session.Declaration;

/** The baselines the product is measured against: equal share of the live room, and no control at all. */
class BaselinePoliciesTest {
    private static final double PILE_KW = 32 * KW_PER_A_1PH;

    /** A 100 kW transformer and four single-phase 6..32 A piles. */
    private static Compound fourPiles() {
        return compound().pile("P0", Phase.A, null).pile("P1", Phase.A, null)
                .pile("P2", Phase.B, null).pile("P3", Phase.C, null).build();
    }

    private static CycleSimulator equalShare(Compound c) {
        return new CycleSimulator(c, tuesday("19:00"), new EqualSharePolicy(c));
    }

    private static CycleSimulator uncontrolled(Compound c) {
        return new CycleSimulator(c, tuesday("19:00"), new UncontrolledPolicy(c));
    }

    @Test
    void equalShareSplitsTenKilowattsOfRoomEquallyAmongThreeCars() {
        CycleSimulator sim = equalShare(fourPiles()).base(90);
        sim.plug("a", 0, PILE_KW, 30, Declaration.NONE);
        sim.plug("b", 2, PILE_KW, 30, Declaration.NONE);
        sim.plug("c", 3, PILE_KW, 30, Declaration.NONE);

        Cycle cycle = sim.step();

        // 10 kW / 3 / 0.22 kW per A = 15.15 A, rounded down to 0.1 A
        assertThat(cycle.amps()).containsExactly(new double[] {15.1, 0, 15.1, 15.1}, within(1e-9));
        assertThat(cycle.offeredEvKw()).isLessThanOrEqualTo(10).isCloseTo(10, within(0.1));
    }

    @Test
    void equalShareGivesEveryCarItsMaximumWhenThereIsRoomAndIgnoresPrices() {
        CycleSimulator sim = equalShare(fourPiles()).base(30);
        sim.plug("a", 0, PILE_KW, 30, new Declaration(tuesday("23:59"), 30));
        sim.plug("b", 1, PILE_KW, 30, Declaration.NONE);

        Cycle atThePeak = sim.step();

        assertThat(atThePeak.amps()).containsExactly(32.0, 32.0, 0.0, 0.0);
    }

    @Test
    void equalShareObeysAGridCapFromTheCycleItAppears() {
        CycleSimulator sim = equalShare(fourPiles()).base(40);
        for (int i = 0; i < 4; i++) {
            sim.plug("car" + i, i, PILE_KW, 30, Declaration.NONE);
        }
        assertThat(sim.step().offeredEvKw()).isCloseTo(4 * PILE_KW, within(1e-9));

        sim.capNow("cap", "21:00", 50);
        Cycle capped = sim.step();

        assertThat(capped.offeredEvKw() + 40).isLessThanOrEqualTo(50);
        // 10 kW / 4 / 0.22 kW per A = 11.36 A, rounded down to 0.1 A
        assertThat(capped.amps()).containsExactly(new double[] {11.3, 11.3, 11.3, 11.3}, within(1e-9));
    }

    @Test
    void equalShareStopsEveryoneRatherThanOfferLessThanTheMinimum() {
        CycleSimulator sim = equalShare(fourPiles()).base(96);
        for (int i = 0; i < 4; i++) {
            sim.plug("car" + i, i, PILE_KW, 30, Declaration.NONE);
        }

        Cycle cycle = sim.step();

        // 4 kW of room: three cars at their 6 A minimum (3.96 kW), the fourth waits
        assertThat(cycle.offeredEvKw()).isLessThanOrEqualTo(4);
        assertThat(Arrays.stream(cycle.amps()).filter(a -> a > 0).boxed().toList()).containsExactly(6.0, 6.0, 6.0);
    }

    @Test
    void equalShareKeepsEachCarsShareAsTheOthersComeAndGo() {
        CycleSimulator sim = equalShare(fourPiles()).base(90);
        Car a = sim.plug("a", 0, PILE_KW, 30, Declaration.NONE);
        sim.step();
        assertThat(a.lastAmps()).isEqualTo(32);
        sim.plug("b", 1, PILE_KW, 30, Declaration.NONE);
        sim.step();
        assertThat(a.lastAmps()).isCloseTo(22.7, within(1e-9)); // 10 kW / 2 / 0.22
        sim.unplug("b");
        sim.step();
        assertThat(a.lastAmps()).isEqualTo(32);
    }

    @Test
    void uncontrolledGivesEveryPluggedCarItsPilesMaximumEvenWhenThatOverloads() {
        Compound c = compound().limitKw(20).pile("P0", Phase.A, null).pile("P1", Phase.ABC, null)
                .pile("P2", Phase.B, 6, 16, null).pile("P3", Phase.C, null).build();
        CycleSimulator sim = uncontrolled(c).base(15);
        sim.plug("a", 0, PILE_KW, 30, Declaration.NONE);
        sim.plug("b", 1, 11, 30, Declaration.NONE);
        sim.plug("c", 2, 3.5, 30, Declaration.NONE);

        List<Cycle> cycles = sim.runUntil("19:10");

        for (Cycle cycle : cycles) {
            assertThat(cycle.amps()).containsExactly(32.0, 16.0, 16.0, 0.0);
            assertThat(cycle.offeredEvKw() + cycle.baseKw()).as("the overload it is kept for")
                    .isGreaterThan(cycle.limitKw());
        }
    }

    @Test
    void theBaselinesAreNamedForReports() {
        Compound c = fourPiles();
        assertThat(new UncontrolledPolicy(c).name()).isEqualTo("uncontrolled");
        assertThat(equalShare(c).policy.name()).isEqualTo("equal-share");
        assertThat(CycleSimulator.orderly(c, tuesday("19:00")).policy.name()).isEqualTo("orderly");
    }
}
