package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;
import static org.orderly.gateway.core.tariff.BeijingTariff.wednesday;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A reservation made a few seconds after the plan stopped the car: live (1 s cycles, 30 s settle time), as
 * WebPageBrowserTest's installer did on a loaded machine seconds after the gateway's first plans had started and stopped
 * the car. Tuesday evening in Beijing: peak 18-21, flat 21-23, valley 23-07; one 7 kW car; 30 kW of households.
 */
class OrderlyPolicyReservationAfterStopTest {
    private static final Declaration LEAVES_AT_EIGHT = new Declaration(tuesday("20:00"), 7);
    private static final Declaration STAYS_THE_NIGHT = new Declaration(wednesday("07:00"), 20);

    private final Compound compound = compound().limitKw(100).pile("P0", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(tuesday("18:30"), BeijingTariff.ZONE);
    private final OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(),
            LiveSettings.of(1.8), new GreedyPlanner(), Runnable::run);
    private final Instant arrival = clock.instant();
    private Declaration declared = LEAVES_AT_EIGHT;
    private double deliveredKWh;
    private double drawKw;

    @Test
    void aCarReservedWithinTheSettleTimeOfAStopChargesOnceItsPlanSaysSo() {
        cycle();
        assertThat(cycle().amps()[0]).as("leaving at 20:00 with 7 kWh: charges at the peak").isPositive();

        // The resident will stay the night after all: the car waits for the valley, once its slot's share is drawn.
        declared = STAYS_THE_NIGHT;
        int cycles = 0;
        while (cycle().amps()[0] > 0) {
            assertThat(++cycles).as("cycles until the plan for the night stops the car").isLessThan(15 * 60);
        }
        assertThat(policy.reasons().get(0)).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);

        // Five seconds after the stop the installer reserves again: leaving at 20:00 with 7 kWh. The plan made at once
        // has the car charge now, and it does, saying so; until 2026-12-03 it stayed stopped for the rest of the 30 s
        // settle time, "waiting for a lower price" that the plan in force no longer had for it.
        for (int k = 0; k < 5; k++) {
            cycle();
        }
        declared = LEAVES_AT_EIGHT;
        Allocation reserved = cycle();
        assertThat(policy.plan().session("car").kwhInSlot(policy.plan().slotAt(clock.instant().getEpochSecond() - 1)))
                .as("the new plan's energy for the car in this slot").isPositive();
        assertThat(reserved.amps()[0]).as("current in the cycle the reservation was planned for").isPositive();
        assertThat(policy.reasons().get(0)).isEqualTo(PileReason.CHARGING);
    }

    /** One second: the policy decides, the car draws what it is offered (its charger takes 7.04 kW at most). */
    private Allocation cycle() {
        PluggedSession s = new PluggedSession("car", 0, arrival, declared, deliveredKWh, drawKw);
        Allocation a = policy.decide(new Snapshot(clock.instant(), 30, List.of(s), List.of()));
        policy.allowed(a);
        drawKw = Math.min(compound.kw(0, a.amps()[0]), 7.04);
        deliveredKWh += drawKw * Duration.ofSeconds(1).toSeconds() / 3600.0;
        clock.advanceSeconds(1);
        return a;
    }
}
