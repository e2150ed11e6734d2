package org.orderly.gateway.core.policy;

import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.SessionPlan;

/**
 * The energy one session is still to draw in the current slot, kept across re-plans.
 *
 * <p>Every new plan hands out the current slot's room afresh, and among sessions of about equal urgency which of them
 * gets it is close to a coin toss. Taken literally, a re-plan a few minutes into a slot would stop a car that has just
 * started and start its neighbour instead, and each stop and start cycles a pile's contactor and a car's charger (on
 * a busy evening of a 300-pile compound, a re-plan comes every few minutes). So a session that is drawing keeps what
 * the outgoing plan still had for it in this slot, if the new plan gives it less: energy that plan bought at this
 * slot's price, and on the 78 compounds of docs/scheduler.md keeping it raised the mean cost ratio by 0.0006. The
 * Limiter still keeps every limit, and a session not drawing takes what the new plan gives it.
 */
final class SlotBudget {
    static final double FASTER = 1.1;
    private Plan plan;
    private long slotEnd = Long.MIN_VALUE;
    private double kWh;
    private double deliveredAtStart;
    /** The vehicle's power the plan of this budget assumed. */
    private double assumedKw;

    /**
     * What is left to draw in the slot ending at {@code slotEnd}.
     *
     * @param plan            the plan in force (a new one resets the budget)
     * @param plannedKWh      what that plan gives the session in the slot
     * @param outgoingKWh     what the plan it replaced gave the session in a slot ending at the same time, or 0;
     *                        kept only when {@code plan} is new (not {@link #isFor} it)
     * @param deliveredKWh    the session's energy so far
     * @param drawing         whether the session was offered current last cycle
     * @param assumedKw       the vehicle's power {@code plan} assumed ({@link SessionPlan#maxKw}; live, a plan solved on
     *                        the planning thread may predate the car's first draw)
     * @param carKw           the vehicle's power as now known: a budget planned for a car more than
     *                        {@value #FASTER} times slower than the one that showed up is not kept, since the faster car
     *                        would draw it at a dearer price than its own plan pays
     */
    double leftKWh(Plan plan, long slotEnd, double plannedKWh, double outgoingKWh, double deliveredKWh,
                   boolean drawing, double assumedKw, double carKw) {
        if (!isFor(plan, slotEnd)) {
            double kept = 0;
            if (drawing && carKw <= this.assumedKw * FASTER) {
                // re-planned within the slot: what is left of it; a new plan at a new slot: what the plan it
                // replaced had there; the next slot of the same plan: only that plan's own
                kept = slotEnd == this.slotEnd ? remaining(deliveredKWh) : plan != this.plan ? outgoingKWh : 0;
            }
            // Drawn beyond the slot before, running on into this one, is this slot's.
            double drawnAhead = drawing && this.slotEnd != Long.MIN_VALUE && slotEnd > this.slotEnd
                    ? Math.max(0, -remaining(deliveredKWh)) : 0;
            this.plan = plan;
            this.slotEnd = slotEnd;
            this.deliveredAtStart = deliveredKWh - drawnAhead;
            this.kWh = Math.max(plannedKWh, kept);
            this.assumedKw = assumedKw;
        }
        return remaining(deliveredKWh);
    }

    /** Whether the budget is {@code plan}'s for the slot ending at {@code slotEnd}. */
    boolean isFor(Plan plan, long slotEnd) {
        return plan == this.plan && slotEnd == this.slotEnd;
    }

    private double remaining(double deliveredKWh) {
        return kWh - (deliveredKWh - deliveredAtStart);
    }
}
