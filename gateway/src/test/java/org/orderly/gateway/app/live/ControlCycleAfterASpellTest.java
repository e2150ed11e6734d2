package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.HeldPlanningThread;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A spell of stale readings of an hour across a price change (22:31 to 23:31, the valley opening at 23:00), plans
 * solved on a planning thread the test runs between cycles. Three residents who come at 22:30 with fast cars (14 kWh
 * in two hours, every day of the last two weeks), each leaving at 02:00 with 8 kWh declared. When the reading is fresh
 * again, the plan in force is the one made in the spell at 23:30, with the safe EV power as its current slot's room;
 * the cars take the live room at once under it, so a new plan at the first trusted reading would change nothing (it was
 * measured: with one, the same 4.93 kWh from 23:31 to 23:45 and the same 60.98 kWh by 01:59). Each pile's counter
 * counts what its car drew.
 */
class ControlCycleAfterASpellTest {
    private static final double HOUSEHOLDS_KW = 30;
    private static final double SAFE_EV_KW = 10;

    private final Compound compound = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).pile("P3", Phase.C, null).build();
    private final VirtualClock clock = new VirtualClock(BeijingTariff.tuesday("22:30"), BeijingTariff.ZONE);
    private final HeldPlanningThread planning = new HeldPlanningThread();
    private final OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(),
            LiveSettings.of(1.8), new GreedyPlanner(), planning);
    private final StaleReadingRig rig = new StaleReadingRig(compound, clock, HOUSEHOLDS_KW);

    /** The three cars come at 22:30 and are planned for. */
    private CycleResult arrived() {
        rig.use(policy, SAFE_EV_KW);
        for (int pile = 0; pile < 3; pile++) {
            for (int d = 1; d <= 14; d++) {
                Instant came = clock.instant().minus(Duration.ofDays(d));
                policy.remember(new PastSession(pile, came, came.plus(Duration.ofHours(2)), 14, Declaration.NONE, true));
            }
        }
        CycleResult r = rig.run(null, false);
        for (int pile = 0; pile < 3; pile++) {
            rig.cycle().sessions().declare(pile, new Declaration(BeijingTariff.tuesday("22:30").plusSeconds(210 * 60), 8));
        }
        planning.runAll();
        return r;
    }

    @Test
    void theCarsTakeTheLiveRoomAtTheFirstTrustedReadingUnderThePlanMadeInTheSpell() {
        CycleResult r = arrived();
        double kwhAfterSpell = 0;
        while (clock.instant().isBefore(BeijingTariff.tuesday("23:45"))) {
            rig.advanceSeconds(1);
            Instant t = clock.instant();
            boolean stale = !t.isBefore(BeijingTariff.tuesday("22:31")) && t.isBefore(BeijingTariff.tuesday("23:31"));
            r = rig.run(r, stale);
            planning.runAll();
            double kw = 0;
            for (int i = 0; i < 3; i++) {
                kw += compound.kw(i, r.allocation().amps()[i]);
            }
            assertThat(kw).as("EV power at %s", t).isLessThanOrEqualTo(stale ? SAFE_EV_KW + 1e-9 : 100 - HOUSEHOLDS_KW);
            if (!t.isBefore(BeijingTariff.tuesday("23:31"))) {
                kwhAfterSpell += kw / 3600;
            }
            if (t.equals(BeijingTariff.tuesday("23:31:03"))) {
                assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
                assertThat(policy.plan().createdAt()).as("the plan made in the spell")
                        .isEqualTo(BeijingTariff.tuesday("23:30"));
                assertThat(r.allocation().amps()).as("each car at its pile's maximum, in the valley")
                        .containsOnly(32.0);
                assertThat(r.reasons()).containsOnly(PileReason.CHARGING);
            }
        }
        // 14 minutes of all three at 7.04 kW, from 23:31:00 (the first trusted cycle) to 23:44:59.
        assertThat(kwhAfterSpell).isCloseTo(4.928, within(0.01));
    }

    /**
     * A spell from 22:35 to 23:20. The plan made at 22:30 holds the cars for the valley from 22:45; the one made in the
     * spell at 22:45 gives them a little of the safe power before 23:00. Each car is stopped at 22:45 and started
     * once, not switched cycle by cycle: before, the policy drew each car's slot on from its last offer before the
     * spell (32 A), so it took the cars for drawing, started them at 6 A at 22:45:01 and stopped them again at
     * 22:45:06, with no settle time after a stop made in the spell (4 switches each).
     */
    @Test
    void eachCarIsSwitchedOnAndOffAtMostOnceThroughTheSpell() {
        CycleResult r = arrived();
        int[] switches = new int[3];
        double[] before = r.allocation().amps().clone();
        while (clock.instant().isBefore(BeijingTariff.tuesday("23:30"))) {
            rig.advanceSeconds(1);
            Instant t = clock.instant();
            boolean stale = !t.isBefore(BeijingTariff.tuesday("22:35")) && t.isBefore(BeijingTariff.tuesday("23:20"));
            r = rig.run(r, stale);
            planning.runAll();
            double[] a = r.allocation().amps();
            double kw = 0;
            for (int i = 0; i < 3; i++) {
                kw += compound.kw(i, a[i]);
                if (stale && (a[i] > 0) != (before[i] > 0)) {
                    switches[i]++;
                }
            }
            assertThat(kw).as("EV power at %s", t).isLessThanOrEqualTo(stale ? SAFE_EV_KW + 1e-9 : 100 - HOUSEHOLDS_KW);
            before = a.clone();
        }
        // A stop (22:45, held for the valley) and a start (before 23:00, running on into the valley).
        assertThat(switches).as("on/off switches per car in the spell").containsOnly(2);
        assertThat(r.allocation().amps()).as("each car at its pile's maximum in the valley").containsOnly(32.0);
    }

    /**
     * One car, whose resident's stays have taken 8 kWh, charging past that on into a spell from 22:31 to 00:00 and
     * after it: each plan has it done by the end of its slot, and each next one, knowing what it has taken since, gives
     * it more. At a quarter hour the plan in force has nothing for it in the new slot until the plan asked then is
     * solved (a cycle later on the planning thread), and it keeps its offer meanwhile. Before, it was stopped at the
     * quarter hour and started again when its settle time was out (in the spell at 23:45:00 and 23:45:30, and after it
     * at 01:00:00 and 01:00:30).
     */
    @Test
    void aCarChargingPastItsPlanIsNotStoppedAtAQuarterHourWhileItsNextPlanIsSolved() {
        rig.plugged[1] = false;
        rig.plugged[2] = false;
        rig.use(policy, SAFE_EV_KW);
        for (int d = 1; d <= 14; d++) {
            Instant came = clock.instant().minus(Duration.ofDays(d));
            policy.remember(new PastSession(0, came, came.plus(Duration.ofHours(2)), 8, Declaration.NONE, true));
        }
        CycleResult r = rig.run(null, false);
        planning.runAll();
        List<String> switches = new ArrayList<>();
        double kwhInSpell = 0;
        while (clock.instant().isBefore(BeijingTariff.tuesday("01:10").plus(Duration.ofDays(1)))) {
            boolean drew = r.allocation().amps()[0] > 0;
            rig.advanceSeconds(1);
            Instant t = clock.instant();
            boolean stale = !t.isBefore(BeijingTariff.tuesday("22:31"))
                    && t.isBefore(BeijingTariff.tuesday("00:00").plus(Duration.ofDays(1)));
            r = rig.run(r, stale);
            planning.runAll();
            double a = r.allocation().amps()[0];
            assertThat(compound.kw(0, a)).as("EV power at %s", t)
                    .isLessThanOrEqualTo(stale ? SAFE_EV_KW + 1e-9 : 100 - HOUSEHOLDS_KW);
            if ((a > 0) != drew && !t.isBefore(BeijingTariff.tuesday("22:31"))) {
                switches.add((stale ? "in the spell " : "after it ") + t.atZone(BeijingTariff.ZONE).toLocalTime()
                        + " to " + a + " A, " + r.reasons().get(0));
            }
            kwhInSpell += stale ? compound.kw(0, a) / 3600 : 0;
        }
        // 89 minutes at its pile's maximum (7.04 kW) are 10.44 kWh.
        assertThat(kwhInSpell).as("kWh charged in the spell").isGreaterThan(10);
        assertThat(switches).as("the car's switches on and off").isEmpty();
    }
}
