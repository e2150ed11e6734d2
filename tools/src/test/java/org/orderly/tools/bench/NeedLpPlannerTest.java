package org.orderly.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.estimate.SessionBelief;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanCandidate;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.PlanSession;
import org.orderly.gateway.core.plan.PlannerSettings;

/**
 * NeedLpPlanner and NeedObjective on problems small enough to check by hand. Two one-hour slots; the
 * transformer leaves 5 kWh in slot 0 and 10 kWh in slot 1; U = 1.8. A (7 kW) costs 0.2 then 0.5 per
 * kWh; B (7 kW) can only use slot 0, at 0.3.
 */
class NeedLpPlannerTest {
    private static final double U = 1.8;
    private static final Instant NOW = Instant.parse("2026-01-12T00:00:00Z");

    @Test
    void withNeedsKnownExactlyItIsThePlainLpAndFindsItsHandSolvedOptimum() {
        // A wants 8 kWh, B 6, for sure: A 1 + 7, B 4 (see LpPlannerTest): 3.7 + 1.2 + 2 x 1.8 = 8.5.
        PlanProblem p = problem(8, 6);
        NeedLpPlanner lp = new NeedLpPlanner();
        Plan plan = lp.solve(p);

        assertThat(plan.session("A").kwhBySlot()).containsExactly(new double[] {1, 7}, within(1e-6));
        assertThat(plan.session("B").kwhBySlot()).containsExactly(new double[] {4}, within(1e-6));
        assertThat(lp.lastStats().optimum()).isCloseTo(8.5, within(1e-6));
        assertThat(NeedObjective.value(p, plan)).isCloseTo(8.5, within(1e-6));
        assertThat(PlanObjective.maxViolationKWh(p, plan)).isLessThan(1e-9);
    }

    @Test
    void theGreedysPlanScoresNoBetterThanTheLpsOptimumAndItsMistakeIsCounted() {
        // The greedy gives A, least laxity first, all 5 kWh of slot 0 and leaves B nothing: 13.3.
        PlanProblem p = problem(8, 6);
        Plan greedy = new GreedyPlanner().solve(p);

        NeedLpPlanner lp = new NeedLpPlanner();
        lp.solve(p);

        assertThat(NeedObjective.value(p, greedy)).isCloseTo(5 * 0.2 + 3 * 0.5 + 6 * U, within(1e-6));
        assertThat(NeedObjective.value(p, greedy)).isGreaterThan(lp.lastStats().optimum() + 4);
    }

    @Test
    void anUnplacedPlanCostsTheExpectedUnmetEnergy() {
        PlanProblem p = problem(8, 6);
        Plan nothing = Plan.of(p, java.util.Map.of(), new double[2]);

        assertThat(NeedObjective.value(p, nothing)).isCloseTo(14 * U, within(1e-6));
    }

    /** The problem above, with each vehicle's need known exactly. */
    private static PlanProblem problem(double aKWh, double bKWh) {
        Compound compound = new Compound(new Transformer(100, Double.NaN, 220), List.of(),
                List.of(new Pile("P0", Phase.A, 6, 32, null), new Pile("P1", Phase.A, 6, 32, null)));
        PlannerSettings settings = new PlannerSettings(Duration.ofHours(48), U, 0.7, 0.2, 0.06, 0, 0.0, 1.0);
        long t = NOW.getEpochSecond();
        PlanCandidate a = candidate("A", 0, aKWh, 1, new double[] {0.2, 0.5}, 7200);
        PlanCandidate b = candidate("B", 1, bKWh, 2, new double[] {0.3}, 3600);
        return new PlanProblem(NOW, compound, settings, new long[] {t, t + 3600, t + 7200}, new double[] {1, 1},
                new double[] {0.2, 0.5}, new double[] {0, 0}, new double[] {100, 100},
                new double[][] {{5}, {10}}, List.of(a, b));
    }

    private static PlanCandidate candidate(String id, int pile, double kwh, double laxity, double[] cost, long stay) {
        SessionBelief belief = SessionBelief.certain(NOW, NOW.plusSeconds(stay), kwh);
        double[] survival = new double[cost.length];
        java.util.Arrays.fill(survival, 1);
        return new PlanCandidate(new PlanSession(id, pile, belief, 0, 7), kwh, belief.need(0, NOW.getEpochSecond()),
                laxity, survival, cost, List.of(new PlanCandidate.EnergyBand(0, cost)));
    }
}
