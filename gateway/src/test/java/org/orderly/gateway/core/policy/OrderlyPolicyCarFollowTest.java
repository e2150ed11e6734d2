package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;
import static org.orderly.gateway.core.tariff.BeijingTariff.wednesday;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * Live, a car takes seconds to follow a lower offer (IEC 61851-1 gives it 5 s). Room moved from one car to another in
 * one cycle is drawn by both until the first has followed: the second must not be raised into it before then.
 * A 7.5 kW transformer, households at 0, two 6..32 A piles on one line: room for one car at 32 A, not two.
 * One-second cycles with the live settings; the cars' draws are what the test says they drew.
 */
class OrderlyPolicyCarFollowTest {
    private static final double LIMIT_KW = 7.5;
    private final Compound compound = compound().limitKw(LIMIT_KW).pile("P0", Phase.A, null).pile("P1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(tuesday("23:30"), ZONE);
    private final OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), clock, OrderlySettings.live(1.8));
    private final Declaration leavesAtSeven = new Declaration(wednesday("07:00"), 60);

    private Allocation cycle(double drawA0, double drawA1) {
        List<PluggedSession> plugged = new ArrayList<>();
        plugged.add(new PluggedSession("car0", 0, tuesday("23:00"), leavesAtSeven, 1, drawA0 * KW_PER_A_1PH));
        plugged.add(new PluggedSession("car1", 1, tuesday("23:00"), leavesAtSeven, 1, drawA1 * KW_PER_A_1PH));
        Allocation a = policy.decide(new Snapshot(0, plugged, List.of()));
        clock.advanceSeconds(1);
        return a;
    }

    @Test
    void roomACarStillDrawsIsNotGivenToAnotherUntilItFollows() {
        policy.limitPile(1, 0);
        double drew0 = 0;
        for (int i = 0; i < 40; i++) {
            drew0 = cycle(drew0, 0).amps()[0];  // car 0 follows its offer within the cycle
        }
        assertThat(drew0).as("car 0 alone: the transformer's room, up to its 32 A").isEqualTo(32);

        // The installer moves the room: car 0 is paused, car 1 may charge. Car 0 still draws 32 A for a while.
        policy.limitPile(0, 0);
        policy.limitPile(1, Double.POSITIVE_INFINITY);
        Allocation moved = cycle(32, 0);
        assertThat(moved.amps()[0]).as("a decrease applies at once").isZero();
        assertThat(moved.amps()[1]).as("car 1 while car 0 still draws 32 A on a room for one").isZero();
        Allocation still = cycle(32, 0);
        assertThat(still.amps()[1]).as("car 0 has not followed yet").isZero();

        Allocation followed = cycle(0, 0);
        assertThat(followed.amps()[1]).as("car 0 has let go: car 1 has the room").isGreaterThanOrEqualTo(30);
        assertThat(compound.kw(1, followed.amps()[1])).isLessThanOrEqualTo(LIMIT_KW);
    }

    @Test
    void aCarThatNeverFollowsHoldsTheRoomForItsFollowTimeOnly() {
        policy.limitPile(1, 0);
        double drew0 = 0;
        for (int i = 0; i < 40; i++) {
            drew0 = cycle(drew0, 0).amps()[0];
        }
        policy.limitPile(0, 0);
        policy.limitPile(1, Double.POSITIVE_INFINITY);
        List<Double> car1 = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            car1.add(cycle(32, 0).amps()[1]);  // car 0 keeps drawing 32 A whatever it is offered
        }
        int followSeconds = 5;  // IEC 61851-1
        assertThat(car1.subList(0, followSeconds)).as("held for the follow time").containsOnly(0.0);
        assertThat(car1.get(car1.size() - 1)).as("then the room is handed out: the measured load tells the rest")
                .isGreaterThanOrEqualTo(6);
    }
}
