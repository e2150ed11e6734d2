package org.orderly.gateway.core.plan;

/**
 * The energy planned for one session in each slot of the plan ({@code kwhBySlot[j]} for slot j;
 * slots past the array's end get nothing), how urgent it is, what it is planned to want in all,
 * how much of that did not fit anywhere, and the power it was planned at ({@link PlanSession#maxKw}).
 */
public record SessionPlan(String sessionId, int pileIndex, double[] kwhBySlot, double laxityHours,
                          double targetKWh, double shortfallKWh, double maxKw) {
    public double kwhInSlot(int slot) {
        return slot >= 0 && slot < kwhBySlot.length ? kwhBySlot[slot] : 0;
    }
}
