package org.orderly.gateway.core.plan;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * An immutable plan: slot boundaries (epoch seconds; slot j is [bounds[j], bounds[j+1])), the
 * energy planned per session per slot, and the expected household and planned EV load per slot.
 */
public final class Plan {
    private final Instant createdAt;
    private final long[] bounds;
    private final Map<String, SessionPlan> sessions;
    private final double[] baseKw;
    private final double[] evKw;

    Plan(Instant createdAt, long[] bounds, Map<String, SessionPlan> sessions, double[] baseKw, double[] evKw) {
        this.createdAt = createdAt;
        this.bounds = bounds;
        this.sessions = Map.copyOf(sessions);
        this.baseKw = baseKw;
        this.evKw = evKw;
    }

    /** A solved plan for {@code problem}: the sessions' plans and the EV energy placed per slot. */
    public static Plan of(PlanProblem problem, Map<String, SessionPlan> sessions, double[] evKwhBySlot) {
        double[] evKw = new double[problem.slots()];
        for (int j = 0; j < evKw.length; j++) {
            evKw[j] = evKwhBySlot[j] / problem.hours()[j];
        }
        return new Plan(problem.now(), problem.bounds(), sessions, problem.expectedBaseKw(), evKw);
    }

    /** A plan of no slots: nothing is planned. */
    public static Plan empty(Instant at) {
        return new Plan(at, new long[] {at.getEpochSecond()}, Map.of(), new double[0], new double[0]);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public int slotCount() {
        return bounds.length - 1;
    }

    public long slotStart(int j) {
        return bounds[j];
    }

    public long slotEnd(int j) {
        return bounds[j + 1];
    }

    /** The slot containing {@code epochSecond}, or -1 outside the plan. */
    public int slotAt(long epochSecond) {
        int i = Arrays.binarySearch(bounds, epochSecond);
        int slot = i >= 0 ? i : -i - 2;
        return slot >= 0 && slot < slotCount() ? slot : -1;
    }

    public SessionPlan session(String id) {
        return sessions.get(id);
    }

    public Map<String, SessionPlan> sessions() {
        return sessions;
    }

    /** Expected household load in slot j, kW, without the safety margin. */
    public double baseKw(int j) {
        return baseKw[j];
    }

    /** EV load planned in slot j, kW (mean over the slot). */
    public double evKw(int j) {
        return evKw[j];
    }
}
