package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;
import static org.orderly.gateway.core.tariff.BeijingTariff.wednesday;

import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.CycleSimulator.Car;
import org.orderly.gateway.core.session.Declaration;

/**
 * Why each pile gets what it gets, as the policy decides it (shown to the property manager), and what a
 * declaration made after plug-in and an installer's limit do. Tuesday evening in Beijing: peak 18-21, flat 21-23,
 * valley 23-07; two single-phase 6..32 A piles; 30 kW of households.
 */
class OrderlyPolicyReasonsTest {
    private static final double PILE_KW = 32 * KW_PER_A_1PH;

    private static Compound twoPiles(double limitKw) {
        return compound().limitKw(limitKw).pile("P0", Phase.A, null).pile("P1", Phase.A, null).build();
    }

    private static PileReason reason(CycleSimulator sim, int pile) {
        return sim.orderlyPolicy().reasons().get(pile);
    }

    @Test
    void aCarPluggedInAtThePeakWaitsForTheValleyAndAnEmptyPileHasNoReason() {
        CycleSimulator sim = CycleSimulator.orderly(twoPiles(100), tuesday("18:30"));
        Car car = sim.plug("car", 0, PILE_KW, 20, new Declaration(wednesday("07:00"), 20));
        sim.step();
        assertThat(car.lastAmps()).as("not even probed at the peak").isZero();
        assertThat(reason(sim, 0)).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);
        sim.runUntil("18:40");
        assertThat(car.lastAmps()).isZero();
        assertThat(reason(sim, 0)).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);
        assertThat(reason(sim, 1)).isEqualTo(PileReason.NONE);
    }

    @Test
    void aDeclarationAfterPlugInIsPlannedForAtOnce() {
        CycleSimulator sim = CycleSimulator.orderly(twoPiles(100), tuesday("18:30"));
        Car car = sim.plug("car", 0, PILE_KW, 20, new Declaration(wednesday("07:00"), Double.NaN));
        sim.runUntil("18:40");
        assertThat(reason(sim, 0)).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);
        int plans = sim.orderlyPolicy().plansMade();

        // The property manager enters the resident's new reservation: leaving at 20:00 with 7 kWh.
        sim.declare("car", new Declaration(tuesday("20:00"), 7));
        sim.step();
        assertThat(sim.orderlyPolicy().plansMade()).as("re-planned in the same cycle").isEqualTo(plans + 1);
        assertThat(car.lastAmps()).as("charges now, at the peak").isGreaterThanOrEqualTo(6);
        assertThat(reason(sim, 0)).isEqualTo(PileReason.CHARGING);
        sim.runUntil("20:00");
        assertThat(car.deliveredKWh).as("what the resident asked for, by departure").isGreaterThanOrEqualTo(7 - 1e-6);
    }

    @Test
    void theInstallersPauseAndLimitAreKeptAndExplained() {
        CycleSimulator sim = CycleSimulator.orderly(twoPiles(100), tuesday("23:30"));
        Car car = sim.plug("car", 0, PILE_KW, 30, new Declaration(wednesday("03:00"), 30));
        sim.runUntil("23:35");
        assertThat(car.lastAmps()).isEqualTo(32);

        sim.orderlyPolicy().limitPile(0, 0);
        sim.runUntil("23:45");
        assertThat(car.ampsBetween(tuesday("23:35"), tuesday("23:45"))).containsOnly(0.0);
        assertThat(reason(sim, 0)).isEqualTo(PileReason.PAUSED_BY_INSTALLER);

        sim.orderlyPolicy().limitPile(0, 10);
        sim.runUntil("23:55");
        assertThat(car.lastAmps()).isEqualTo(10);
        assertThat(reason(sim, 0)).isEqualTo(PileReason.INSTALLER_LIMIT);

        sim.orderlyPolicy().limitPile(0, Double.POSITIVE_INFINITY);
        sim.runUntil("23:58");
        assertThat(car.lastAmps()).isEqualTo(32);
        assertThat(reason(sim, 0)).isEqualTo(PileReason.CHARGING);
        assertThatThrownBy(() -> sim.orderlyPolicy().limitPile(0, 3)).hasMessageContaining("minimum 6.0 A");
    }

    @Test
    void aFullTransformerAndAGridCapAreToldApart() {
        CycleSimulator sim = CycleSimulator.orderly(twoPiles(31), tuesday("23:30")).base(30.5);
        sim.plug("car", 0, PILE_KW, 30, new Declaration(wednesday("01:00"), 30));
        sim.runUntil("23:35");
        assertThat(reason(sim, 0)).isEqualTo(PileReason.TRANSFORMER_LIMIT);

        CycleSimulator capped = CycleSimulator.orderly(twoPiles(100), tuesday("23:30")).base(30);
        capped.plug("car", 0, PILE_KW, 30, new Declaration(wednesday("01:00"), 30));
        capped.capNow("cap-1", "01:00", 30.5);
        capped.runUntil("23:35");
        assertThat(reason(capped, 0)).isEqualTo(PileReason.GRID_CAP);
    }

    @Test
    void aCarThatStopsDrawingIsFull() {
        CycleSimulator sim = CycleSimulator.orderly(twoPiles(100), tuesday("23:30"));
        sim.plug("car", 0, PILE_KW, 2, new Declaration(wednesday("07:00"), 20));
        sim.runUntil("01:00");
        assertThat(reason(sim, 0)).isEqualTo(PileReason.FULL);
    }
}
