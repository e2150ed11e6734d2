package org.orderly.tools.bench;

import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.Planner;

/**
 * A {@link Planner} that hands every problem to another one and keeps every {@code every}-th
 * problem it is asked to solve (the {@code every}-th, {@code 2 x every}-th, ...), up to
 * {@code limit}, and the time spent inside the wrapped planner.
 */
public final class RecordingPlanner implements Planner {
    private final Planner inner;
    private final int every;
    private final int limit;
    private final List<PlanProblem> captured = new ArrayList<>();
    private final List<Long> solveNanos = new ArrayList<>();
    private int calls;

    public RecordingPlanner(Planner inner, int every, int limit) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1");
        }
        this.inner = inner;
        this.every = every;
        this.limit = limit;
    }

    @Override
    public Plan solve(PlanProblem problem) {
        calls++;
        if (calls % every == 0 && captured.size() < limit) {
            captured.add(problem);
        }
        long t0 = System.nanoTime();
        Plan plan = inner.solve(problem);
        solveNanos.add(System.nanoTime() - t0);
        return plan;
    }

    /** The problems kept, in the order they were asked. PlanProblem is not copied: no planner modifies one. */
    public List<PlanProblem> captured() {
        return List.copyOf(captured);
    }

    public int calls() {
        return calls;
    }

    /** Nanoseconds each call spent in the wrapped planner, in call order. */
    public long[] solveNanos() {
        return solveNanos.stream().mapToLong(Long::longValue).toArray();
    }
}
