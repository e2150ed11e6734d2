package org.orderly.gateway.core.policy;

import java.util.concurrent.Executor;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.tariff.Tariff;

/**
 * The orderly policy as a test makes it, through the constructor the gateway uses. What a test leaves unsaid is the
 * product's planner ({@link GreedyPlanner}), each plan solved within the cycle that asks it (the gateway's own
 * planning thread would make a test wait for it), and beliefs learnt as the product learns them.
 */
public final class PolicyBuilder {
    private final Compound compound;
    private final Tariff tariff;
    private final OrderlySettings settings;
    private Planner planner = new GreedyPlanner();
    private Executor planning = Runnable::run;

    private PolicyBuilder(Compound compound, Tariff tariff, OrderlySettings settings) {
        this.compound = compound;
        this.tariff = tariff;
        this.settings = settings;
    }

    /** The policy over {@code compound} on {@code tariff}, with {@code settings}. */
    public static PolicyBuilder policyFor(Compound compound, Tariff tariff, OrderlySettings settings) {
        return new PolicyBuilder(compound, tariff, settings);
    }

    /** Another planning algorithm, for comparing algorithms on the same problems. */
    public PolicyBuilder planner(Planner planner) {
        this.planner = planner;
        return this;
    }

    public OrderlyPolicy build() {
        return new OrderlyPolicy(compound, tariff, settings, planner, planning);
    }
}
