package org.orderly.tools.simulate;

import java.time.Duration;
import java.util.List;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.policy.UncontrolledPolicy;
import org.orderly.gateway.core.time.VirtualClock;

/** The policies {@code simulate --policy} knows, by name. */
public final class Policies {
    public static final List<String> NAMES = List.of("orderly", "uncontrolled", "equal-share", "clairvoyant",
            "clairvoyant-departure");

    private Policies() {
    }

    public static ChargingPolicy create(String name, Scenario scenario, VirtualClock clock) {
        return switch (name) {
            case "orderly" -> new OrderlyPolicy(scenario.compound(), scenario.tariff(), clock, settings(scenario));
            case "clairvoyant" -> told(scenario, clock, KnownOutcomes.Told.EVERYTHING);
            case "clairvoyant-departure" -> told(scenario, clock, KnownOutcomes.Told.DEPARTURE);
            case "uncontrolled" -> new UncontrolledPolicy(scenario.compound());
            case "equal-share" -> new EqualSharePolicy(scenario.compound(), clock);
            default -> throw new IllegalArgumentException("unknown policy '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** The product's policy planning with beliefs told the scenario's hidden outcomes (a diagnostic, not a product). */
    private static ChargingPolicy told(Scenario scenario, VirtualClock clock, KnownOutcomes.Told told) {
        return new OrderlyPolicy(scenario.compound(), scenario.tariff(), clock, settings(scenario), new GreedyPlanner(),
                Runnable::run, new KnownOutcomes(scenario, told));
    }

    private static OrderlySettings settings(Scenario scenario) {
        return OrderlySettings.defaults(scenario.penaltyPerKWh(), Duration.ofSeconds(scenario.stepSeconds()));
    }
}
