package org.orderly.gateway.core.plan;

/** An algorithm that decides how much energy each session gets in each slot. */
public interface Planner {
    Plan solve(PlanProblem problem);
}
