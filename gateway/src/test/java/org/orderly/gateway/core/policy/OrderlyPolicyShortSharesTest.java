package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.CycleSimulator.Car;
import org.orderly.gateway.core.session.Declaration;

/**
 * Cars that cannot be met by their departure share the room cycle after cycle, none left with nothing while others
 * fill up (docs/scheduler.md, "Cars that cannot be met share the room").
 */
class OrderlyPolicyShortSharesTest {
    private static final double PILE_KW = 32 * KW_PER_A_1PH;

    @Test
    void eightCarsThatCannotBeMetEachDrawEveryCycleOfTheirHour() {
        // tools/bench/shortfall-shares.py --queue: eight 7.04 kW cars plugged at 22:00, each declared to want 30 kWh by
        // 23:00 (7 kWh at most in the hour), on 20 kW of room: 100 kW, 80 of them the households'.
        Phase[] phases = {Phase.A, Phase.B, Phase.C};
        var b = compound().limitKw(100);
        for (int i = 0; i < 8; i++) {
            b.pile("P" + i, phases[i % 3], null);
        }
        Compound c = b.build();
        CycleSimulator sim = CycleSimulator.orderly(c, tuesday("22:00")).base(80);
        List<Car> cars = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cars.add(sim.plug("car" + i, i, PILE_KW, 30, new Declaration(tuesday("23:00"), 30)));
        }
        sim.runUntil(tuesday("23:00"));

        for (Car car : cars) {
            // Until 2026-12-06 (fifty-fourth session) three of them drew nothing after 22:15: 0.5 kWh each in the hour.
            assertThat(car.deliveredKWh).as("%s's kWh in the hour (a fair share is 2.5)", car.id).isGreaterThan(2.0);
            for (int k = 0; k < car.times.size(); k++) {
                if (!car.times.get(k).isBefore(tuesday("22:15"))) {
                    assertThat(car.amps.get(k)).as("%s's offer at %s", car.id, car.times.get(k)).isPositive();
                }
            }
        }
    }
}
