package org.orderly.tools.simulate;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.orderly.gateway.core.estimate.Beliefs;
import org.orderly.gateway.core.estimate.Estimator;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.PlannerSettings;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.policy.UncontrolledPolicy;

/** The policies {@code simulate --policy} knows, by name. */
public final class Policies {
    public static final List<String> NAMES = List.of("orderly", "uncontrolled", "equal-share", "clairvoyant",
            "clairvoyant-departure");
    /**
     * The policies that form beliefs about sessions and plan on them with the product's planner (the others ignore
     * what they cannot see, and plan nothing).
     */
    public static final List<String> BELIEVING = List.of("orderly", "clairvoyant", "clairvoyant-departure");

    private Policies() {
    }

    /** Why {@code name} cannot have its beliefs recorded, in one line. */
    public static String formsNoBeliefs(String name) {
        return "policy '" + name + "' forms no beliefs; those that do: " + String.join(", ", BELIEVING);
    }

    /** Why {@code name} has no planner whose settings could be changed, in one line. */
    public static String plansNothing(String name) {
        return "policy '" + name + "' plans nothing; those that plan: " + String.join(", ", BELIEVING);
    }

    /**
     * @param wrapBeliefs wraps the beliefs of a {@link #BELIEVING} policy (to record them, say); the other
     *                    policies have none, and do not call it
     * @param tuning      changes the planner's settings of a {@link #BELIEVING} policy from the product's (to
     *                    measure a trade-off, say); the other policies have none, and do not call it
     */
    public static ChargingPolicy create(String name, Scenario scenario,
                                        UnaryOperator<Beliefs> wrapBeliefs, UnaryOperator<PlannerSettings> tuning) {
        return switch (name) {
            case "orderly" -> withBeliefs(scenario, tuning, wrapBeliefs.apply(
                    new Estimator(scenario.tariff().zone(), scenario.compound().pileCount())));
            case "clairvoyant" -> withBeliefs(scenario, tuning,
                    wrapBeliefs.apply(new KnownOutcomes(scenario, KnownOutcomes.Told.EVERYTHING)));
            case "clairvoyant-departure" -> withBeliefs(scenario, tuning,
                    wrapBeliefs.apply(new KnownOutcomes(scenario, KnownOutcomes.Told.DEPARTURE)));
            case "uncontrolled" -> new UncontrolledPolicy(scenario.compound());
            case "equal-share" -> new EqualSharePolicy(scenario.compound());
            default -> throw new IllegalArgumentException("unknown policy '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /**
     * The product's policy with these beliefs: the product's own learned ones, or (a diagnostic, not a product)
     * ones told the scenario's hidden outcomes.
     */
    private static ChargingPolicy withBeliefs(Scenario scenario, UnaryOperator<PlannerSettings> tuning,
                                              Beliefs beliefs) {
        return new OrderlyPolicy(scenario.compound(), scenario.tariff(), settings(scenario, tuning),
                new GreedyPlanner(), Runnable::run, beliefs);
    }

    private static OrderlySettings settings(Scenario scenario, UnaryOperator<PlannerSettings> tuning) {
        OrderlySettings product = OrderlySettings.defaults(scenario.penaltyPerKWh(),
                Duration.ofSeconds(scenario.stepSeconds()));
        return product.withPlanner(tuning.apply(product.planner()));
    }
}
