package org.orderly.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanCandidate;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.PlanSession;
import org.orderly.gateway.core.plan.PlannerSettings;
import org.orderly.gateway.core.plan.SessionPlan;

/**
 * LpPlanner and PlanObjective on problems small enough to solve by hand (no scenario files).
 * Two one-hour slots; the transformer leaves 5 kWh in slot 0 and 10 kWh in slot 1; U = 1.8.
 * A (7 kW, wants 8 kWh) costs 0.2 then 0.5 per kWh; B (7 kW, wants 6 kWh) can only use slot 0 at 0.3.
 */
class LpPlannerTest {
    private static final double U = 1.8;

    @Test
    void findsTheOptimumThatIsNotGreedyForTheCheapestSlot() {
        // A taking all of slot 0 (the greedy choice) leaves B with nothing: 13.3. The optimum gives A
        // 1 kWh there and its power's worth (7 kWh) in slot 1, B the other 4: 3.7 + 1.2 + 2 x 1.8 = 8.5.
        PlanProblem p = problem(Double.NaN);
        Plan plan = new LpPlanner().solve(p);

        assertThat(kwh(plan, "A")).containsExactly(new double[] {1, 7}, within(1e-6));
        assertThat(kwh(plan, "B")).containsExactly(new double[] {4}, within(1e-6));
        assertThat(plan.session("B").shortfallKWh()).isCloseTo(2, within(1e-6));
        assertThat(PlanObjective.value(p, plan)).isCloseTo(8.5, within(1e-6));
        assertThat(PlanObjective.maxViolationKWh(p, plan)).isLessThan(1e-9);
        assertThat(plan.evKw(0)).isCloseTo(5, within(1e-6));
    }

    @Test
    void respectsACircuitOnThePilesPath() {
        // B behind a 3 kW circuit: A 2 + 6, B 3 -> 2 x 0.2 + 6 x 0.5 + 3 x 0.3 + 3 x 1.8 = 9.7.
        PlanProblem p = problem(3);
        Plan plan = new LpPlanner().solve(p);

        assertThat(kwh(plan, "A")).containsExactly(new double[] {2, 6}, within(1e-6));
        assertThat(kwh(plan, "B")).containsExactly(new double[] {3}, within(1e-6));
        assertThat(PlanObjective.value(p, plan)).isCloseTo(9.7, within(1e-6));
    }

    @Test
    void objectiveCountsUnplacedEnergyAtUAndViolationsAreMeasured() {
        PlanProblem p = problem(Double.NaN);
        Plan overfull = Plan.of(p, java.util.Map.of(
                "A", new SessionPlan("A", 0, new double[] {5, 0}, 0, 8, 8, 3, 7),
                "B", new SessionPlan("B", 1, new double[] {2}, 0, 6, 6, 4, 7)), new double[] {7, 0});

        assertThat(PlanObjective.value(p, overfull)).isCloseTo(5 * 0.2 + 3 * U + 2 * 0.3 + 4 * U, within(1e-9));
        assertThat(PlanObjective.maxViolationKWh(p, overfull)).isCloseTo(2, within(1e-9)); // 7 kWh in 5 kWh of room
        assertThat(PlanObjective.value(p, Plan.of(p, java.util.Map.of(), new double[2]))).isCloseTo(14 * U, within(1e-9));
    }

    private static double[] kwh(Plan plan, String id) {
        return plan.session(id).kwhBySlot();
    }

    /** The problem above; {@code circuitKw} puts B behind a circuit of that limit (NaN: no circuit). */
    private static PlanProblem problem(double circuitKw) {
        boolean circuit = !Double.isNaN(circuitKw);
        Compound compound = new Compound(new Transformer(100, Double.NaN, 220),
                circuit ? List.of(new Circuit("g1", circuitKw, null)) : List.of(),
                List.of(new Pile("P0", Phase.A, 6, 32, null), new Pile("P1", Phase.A, 6, 32, circuit ? "g1" : null)));
        PlannerSettings settings = new PlannerSettings(Duration.ofHours(48), U, 0.7, 0.2, 0.06, 0, 0.1, 1.0);
        Instant now = Instant.parse("2026-01-12T00:00:00Z");
        long t = now.getEpochSecond();
        double[][] room = circuit ? new double[][] {{5, circuitKw}, {10, circuitKw}} : new double[][] {{5}, {10}};
        double[] costA = {0.2, 0.5};
        PlanCandidate a = new PlanCandidate(new PlanSession("A", 0, null, 0, 7), 8, null, 1, new double[] {1, 1}, costA,
                List.of(new PlanCandidate.EnergyBand(0, costA)));
        double[] costB = {0.3};
        PlanCandidate b = new PlanCandidate(new PlanSession("B", 1, null, 0, 7), 6, null, 2, new double[] {1}, costB,
                List.of(new PlanCandidate.EnergyBand(0, costB)));
        return new PlanProblem(now, compound, settings, new long[] {t, t + 3600, t + 7200}, new double[] {1, 1},
                new double[] {0.2, 0.5}, new double[] {0, 0}, new double[] {100, 100}, room, List.of(a, b));
    }
}
