package org.orderly.gateway.core.policy;

import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlannerSettings;

/**
 * Whether the households have left room again for a car now since the plan in force was made without any: that plan
 * planned its current slot at the larger of the forecast and the reading it was made at, so one made in an overload (or
 * within a pile's minimum of the limit) holds every car for the rest of its slot, up to 15 minutes, however soon the
 * load came down. Until 2026-12-05 a car cut by an overload at a quarter hour stayed off, "waiting for its turn" on a
 * flat price, until the next quarter hour (OrderlyPolicyRoomBackTest). A new plan is called for at the first cycle
 * the room is back, and again at most once a settle time while the plan made then still has none, so a load flickering
 * at the limit does not ask for a plan every cycle; the car waits out its settle time after its stop anyway.
 */
final class RoomBack {
    private final PlannerSettings planner;
    /** The least any pile draws when it draws: room under this is none. */
    private final double leastKw;
    private final long settleS;
    private long calledAt = Long.MIN_VALUE;

    RoomBack(Compound compound, PlannerSettings planner, long settleS) {
        this.planner = planner;
        this.settleS = settleS;
        double least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < compound.pileCount(); i++) {
            least = Math.min(least, compound.kw(i, compound.pile(i).minCurrentA()));
        }
        this.leastKw = least;
    }

    /**
     * True when a new plan is called for at {@code t}: {@code plan} (in force) is still in the slot it was made in and
     * planned it with no room for a car under {@code limitKw}, and the households' {@code householdKw} now leave some.
     */
    boolean calls(Plan plan, long t, double householdKw, double limitKw) {
        if (plan.slotCount() == 0 || plan.slotAt(t) != 0) {
            return false;
        }
        boolean plannedNone = limitKw - planner.guardedBaseKw(plan.baseKw(0)) < leastKw;
        boolean roomNow = limitKw - planner.guardedBaseKw(householdKw) >= leastKw;
        if (!plannedNone || !roomNow || calledAt != Long.MIN_VALUE && t >= calledAt && t - calledAt < settleS) {
            return false;
        }
        calledAt = t;
        return true;
    }
}
