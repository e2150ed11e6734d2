package org.orderly.gateway.core.policy;

/**
 * The power that delivers what is left of a slot's energy by the slot's end.
 *
 * <p>Spread evenly over the rest of the slot when that is at least the pile's minimum. Below it the session pulses at
 * the minimum while a cycle's worth is still owed, and where the pulse sits decides how often the car is switched:
 * a pulse at the start of every slot stops and starts it every quarter hour. So a session not drawing whose plan
 * continues into the next slot pulses at the end of this one, and runs on into the next slot's pulse at its start.
 */
final class SlotDraw {
    private SlotDraw() {
    }

    /**
     * @param leftKWh       energy left for the slot
     * @param hoursLeft     time left in the slot
     * @param minKw         the pile's minimum power
     * @param maxKw         the most the session can draw
     * @param cycleHours    one control cycle
     * @param drawing       whether the session was offered current last cycle
     * @param nextSlotToo   whether the plan gives the session energy in the next slot as well
     */
    static double kw(double leftKWh, double hoursLeft, double minKw, double maxKw, double cycleHours,
                     boolean drawing, boolean nextSlotToo) {
        if (leftKWh <= 1e-6 || hoursLeft <= 0) {
            return 0;
        }
        double kw = Math.min(leftKWh / hoursLeft, maxKw);
        if (kw >= minKw) {
            return kw;
        }
        if (leftKWh < 0.5 * minKw * cycleHours) {
            return 0;
        }
        if (!drawing && nextSlotToo && leftKWh < minKw * (hoursLeft - cycleHours)) {
            return 0;
        }
        return minKw;
    }
}
