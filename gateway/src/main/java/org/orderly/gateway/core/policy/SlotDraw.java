package org.orderly.gateway.core.policy;

/**
 * The power that delivers what is left of a slot's energy by the slot's end.
 *
 * <p>Spread evenly over the rest of the slot when that is at least the pile's minimum. Below it the session pulses at
 * the minimum while a cycle's worth is still owed, and where the pulse sits decides how often the car is switched:
 * a pulse at the start of every slot stops and starts it every quarter hour. So a session not drawing whose plan
 * continues into the next slot pulses at the end of this one, and runs on into the next slot's pulse at its start.
 *
 * <p>Less than half a cycle's worth at the minimum is not started for: a pulse would overshoot the slot by up to twice
 * that. Unless the session is drawing and its plan has nothing for it after this slot: that is the last of its energy,
 * and never drawn otherwise.
 */
final class SlotDraw {
    private SlotDraw() {
    }

    /**
     * @param leftKWh              energy left for the slot
     * @param hoursLeft            time left in the slot
     * @param minKw                the pile's minimum power
     * @param maxKw                the most the session can draw
     * @param cycleHours           one control cycle
     * @param drawing              whether the session was offered current last cycle
     * @param nextSlotToo          whether the plan gives the session energy in the next slot as well
     * @param plannedAfterThisSlot whether the plan gives the session energy in any slot after this one (true when
     *                             {@code nextSlotToo} is)
     */
    static double kw(double leftKWh, double hoursLeft, double minKw, double maxKw, double cycleHours,
                     boolean drawing, boolean nextSlotToo, boolean plannedAfterThisSlot) {
        if (leftKWh <= 1e-6 || hoursLeft <= 0) {
            return 0;
        }
        double kw = Math.min(leftKWh / hoursLeft, maxKw);
        if (kw >= minKw) {
            return kw;
        }
        if (leftKWh < 0.5 * minKw * cycleHours) {
            // The last of its energy: a car kept on its slot by the planner (GreedyPlanner.DRAWING_SHARE) was stopped
            // with it owed, and it was never drawn. Drawn at the minimum, the car takes what it wants and no more.
            return drawing && !plannedAfterThisSlot ? minKw : 0;
        }
        if (!drawing && nextSlotToo && leftKWh < minKw * (hoursLeft - cycleHours)) {
            return 0;
        }
        return minKw;
    }
}
