package org.orderly.gateway.core.plan;

/**
 * The energy planned for one session in each slot of the plan ({@code kwhBySlot[j]} for slot j;
 * slots past the array's end get nothing), how urgent it is, what it is planned to want in all,
 * what it likely wants ({@code likelyKWh}, the median of its estimated need beyond what it has taken), how much of
 * that did not fit while it is likely there ({@code shortfallKWh}), and the power it was planned at
 * ({@link PlanSession#maxKw}). What it lacks at another time, a declared departure, is {@link Plan#shortfallBy}.
 */
public record SessionPlan(String sessionId, int pileIndex, double[] kwhBySlot, double laxityHours,
                          double targetKWh, double likelyKWh, double shortfallKWh, double maxKw) {
    public double kwhInSlot(int slot) {
        return slot >= 0 && slot < kwhBySlot.length ? kwhBySlot[slot] : 0;
    }
}
