package org.orderly.gateway.core.policy;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.core.forecast.BaseLoadForecast;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlannerSettings;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * Whether the households have left room again for a car now since the plan in force was made without any: that plan
 * planned its current slot at the larger of the forecast and the reading it was made at, so one made in an overload (or
 * within a pile's minimum of a limit) holds the cars under that limit for the rest of its slot, up to 15 minutes,
 * however soon the load came down. Until 2026-12-05 a car cut by an overload at a quarter hour stayed off, "waiting for
 * its turn" on a flat price, until the next quarter hour (OrderlyPolicyRoomBackTest); the transformer's total was then
 * looked at again, and later that day every node the households load: the transformer and, with a phase limit, each
 * line (circuits carry no household load, so their room is the same in every plan). A new plan is called for at the
 * first cycle a plugged car's pile has its minimum of room at every node on its path where the plan in force gave it
 * less at one, and again at most once a settle time while the plan made then still has none, so a load flickering at a
 * limit does not ask for a plan every cycle; the car waits out its settle time after its stop anyway. Each node's room
 * is what the plan's builder gives it ({@link Compound#room(double, double)}: the guarded total, a third on each line),
 * into arrays kept here: this runs every cycle. The load a plan made now would take for its current slot is the larger
 * of the reading and the forecast for the rest of the slot, as the builder takes it (PlanProblemBuilder): judged on the
 * reading alone, a forecast still high from the overload would call, once a settle time, for plans with no room either.
 */
final class RoomBack {
    private final Compound compound;
    private final PlannerSettings planner;
    private final long settleS;
    private final BaseLoadForecast forecast;
    /** Each pile's minimum, kW: room under it on a node of the pile's path is none. */
    private final double[] minKw;
    /** The room per node the plan {@link #roomOf} gave its current slot, at the limit {@link #roomLimitKw}. */
    private final double[] planned;
    /** The room per node a plan made now would give the current slot. */
    private final double[] now;
    private Plan roomOf;
    private double roomLimitKw = Double.NaN;
    private long calledAt = Long.MIN_VALUE;

    RoomBack(Compound compound, PlannerSettings planner, long settleS, BaseLoadForecast forecast) {
        this.compound = compound;
        this.planner = planner;
        this.settleS = settleS;
        this.forecast = forecast;
        this.minKw = new double[compound.pileCount()];
        for (int i = 0; i < minKw.length; i++) {
            minKw[i] = compound.kw(i, compound.pile(i).minCurrentA());
        }
        this.planned = new double[compound.nodeCount()];
        this.now = new double[compound.nodeCount()];
    }

    /**
     * True when a new plan is called for at {@code t}: {@code plan} (in force) is still in the slot it was made in and
     * planned it with no room for one of the {@code plugged} cars under {@code limitKw} or a line's limit, and the
     * households' {@code householdKw} now leave that car's pile its minimum on every node of its path.
     */
    boolean calls(Plan plan, long t, List<PluggedSession> plugged, double householdKw, double limitKw) {
        if (plan.slotCount() == 0 || plan.slotAt(t) != 0
                || calledAt != Long.MIN_VALUE && t >= calledAt && t - calledAt < settleS) {
            return false;
        }
        if (plan != roomOf || limitKw != roomLimitKw) {
            compound.room(planner.guardedBaseKw(plan.baseKw(0)), limitKw, planned);
            roomOf = plan;
            roomLimitKw = limitKw;
        }
        boolean nowComputed = false;
        for (int k = 0; k < plugged.size(); k++) {
            int pile = plugged.get(k).pileIndex();
            if (fits(planned, pile)) {
                continue;
            }
            if (!nowComputed) {
                compound.room(planner.guardedBaseKw(plannedNowKw(plan, t, householdKw)), limitKw, now);
                nowComputed = true;
            }
            if (fits(now, pile)) {
                calledAt = t;
                return true;
            }
        }
        return false;
    }

    /** The households' load a plan made at {@code t} would plan the rest of the current slot for. */
    private double plannedNowKw(Plan plan, long t, double householdKw) {
        double expected = forecast.expectedKw(Instant.ofEpochSecond((t + plan.slotEnd(0)) / 2));
        return Double.isNaN(expected) ? householdKw : Math.max(expected, householdKw);
    }

    /** Whether {@code room} has the pile's minimum on every node of its path (its share of it on a line). */
    private boolean fits(double[] room, int pile) {
        int[] path = compound.pileNodes(pile);
        double[] weight = compound.pileWeights(pile);
        for (int k = 0; k < path.length; k++) {
            if (room[path[k]] < minKw[pile] * weight[k]) {
                return false;
            }
        }
        return true;
    }
}
