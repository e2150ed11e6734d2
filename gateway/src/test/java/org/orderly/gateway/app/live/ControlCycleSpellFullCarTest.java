package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A full car is left out of plans; in a spell of stale readings it gets none of the safe EV power, which is the other
 * cars'. Tuesday 19:00 in Beijing, two cars each leaving at 20:00 with 7 kWh to take: the plan charges both at their
 * pile's maximum (7.04 kW). The first is full already: offered current, it draws nothing, and after the settle time
 * (30 s) the policy finds it full. Then the reading goes stale, with 10 kW of safe EV power.
 */
class ControlCycleSpellFullCarTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double SAFE_EV_KW = 10;

    private final Compound compound = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T11:00:00Z"), ZONE); // 19:00
    private final OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
    private final StaleReadingRig rig = new StaleReadingRig(compound, clock, 30);

    @Test
    void aFullCarGetsNoneOfTheSafePowerInASpell() {
        rig.use(policy, SAFE_EV_KW);
        rig.full[0] = true;
        CycleResult r = rig.run(null, false);
        for (int pile = 0; pile < 2; pile++) {
            rig.cycle().sessions().declare(pile, new Declaration(clock.instant().plusSeconds(3600), 7));
        }
        for (int s = 0; s < 40; s++) {
            rig.advanceSeconds(1);
            r = rig.run(r, false);
        }
        assertThat(r.reasons()).containsExactly(PileReason.FULL, PileReason.CHARGING);

        // Longer than the settle time after the policy stopped it, found full.
        for (int s = 0; s < 60; s++) {
            rig.advanceSeconds(1);
            r = rig.run(r, true);
            assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
            assertThat(r.allocation().amps()).as("amperes in stale cycle %d", s + 1)
                    .containsExactly(new double[] {0, 32}, within(1e-9));
            assertThat(r.reasons()).as("reasons in stale cycle %d", s + 1)
                    .containsExactly(PileReason.FULL, PileReason.METER_STALE);
        }
    }
}
