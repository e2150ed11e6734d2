package org.orderly.gateway.core.plan;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * An immutable plan: slot boundaries (epoch seconds; slot j is [bounds[j], bounds[j+1])), the
 * energy planned per session per slot, and the expected household and planned EV load per slot.
 */
public final class Plan {
    /** Slot prices are means over the slot; these differ by rounding only. */
    private static final double PRICE_EPS = 1e-9;
    private final Instant createdAt;
    private final long[] bounds;
    private final Map<String, SessionPlan> sessions;
    private final double[] baseKw;
    private final double[] evKw;
    private final double[] price;

    Plan(Instant createdAt, long[] bounds, Map<String, SessionPlan> sessions, double[] baseKw, double[] evKw,
         double[] price) {
        this.createdAt = createdAt;
        this.bounds = bounds;
        this.sessions = Map.copyOf(sessions);
        this.baseKw = baseKw;
        this.evKw = evKw;
        this.price = price;
    }

    /** A solved plan for {@code problem}: the sessions' plans and the EV energy placed per slot. */
    public static Plan of(PlanProblem problem, Map<String, SessionPlan> sessions, double[] evKwhBySlot) {
        double[] evKw = new double[problem.slots()];
        for (int j = 0; j < evKw.length; j++) {
            evKw[j] = evKwhBySlot[j] / problem.hours()[j];
        }
        return new Plan(problem.now(), problem.bounds(), sessions, problem.expectedBaseKw(), evKw, problem.price());
    }

    /** A plan of no slots: nothing is planned. */
    public static Plan empty(Instant at) {
        return new Plan(at, new long[] {at.getEpochSecond()}, Map.of(), new double[0], new double[0], new double[0]);
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

    /** Whether slot k is cheaper than slot j. */
    public boolean cheaper(int k, int j) {
        return price[k] < price[j] - PRICE_EPS;
    }

    /** EV load planned in slot j, kW (mean over the slot). */
    public double evKw(int j) {
        return evKw[j];
    }

    /**
     * How far the load of slot j may rise without a new peak: the highest expected household plus
     * planned EV load of the slots from j on that cost what j costs (its price period), minus slot
     * j's own. The plan spreads a period's energy flat; drawing early up to that level only moves
     * energy forward at the same price.
     */
    public double headroomToPeriodPeakKw(int j) {
        double peak = 0;
        for (int k = j; k < slotCount() && Math.abs(price[k] - price[j]) <= PRICE_EPS; k++) {
            peak = Math.max(peak, baseKw[k] + evKw[k]);
        }
        return Math.max(0, peak - baseKw[j] - evKw[j]);
    }

    /**
     * How much of what session {@code id} likely wants ({@link SessionPlan#likelyKWh}) the plan does not give it by
     * {@code epochSecond}, such as its resident's declared departure: the energy of the slots ending by then, a slot
     * running past it counted for its part before it (the plan spreads a slot's energy over the slot), less than the
     * likely need; 0 when it is given all of it, NaN for a session the plan does not know. {@link
     * SessionPlan#shortfallKWh} is the planner's own figure, at the departure it finds likely, which may be later.
     */
    public double shortfallBy(String id, long epochSecond) {
        SessionPlan sp = sessions.get(id);
        if (sp == null) {
            return Double.NaN;
        }
        double planned = 0;
        for (int j = 0; j < slotCount() && bounds[j] < epochSecond; j++) {
            double before = Math.min(bounds[j + 1], epochSecond) - bounds[j];
            planned += sp.kwhInSlot(j) * before / (bounds[j + 1] - bounds[j]);
        }
        return Math.max(0, sp.likelyKWh() - planned);
    }

    /**
     * The energy planned for session {@code id} after slot j at no lower price than j's, up to the
     * first cheaper slot: energy the vehicle could as well take now, and would not miss if it
     * left early.
     */
    public double kwhAheadAtNoLowerPrice(String id, int j) {
        SessionPlan sp = sessions.get(id);
        double kwh = 0;
        int end = sp == null ? 0 : Math.min(slotCount(), sp.kwhBySlot().length);
        for (int k = j + 1; k < end && !cheaper(k, j); k++) {
            kwh += sp.kwhInSlot(k);
        }
        return kwh;
    }
}
