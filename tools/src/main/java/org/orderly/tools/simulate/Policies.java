package org.orderly.tools.simulate;

import java.time.Duration;
import java.util.List;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.policy.UncontrolledPolicy;
import org.orderly.gateway.core.time.VirtualClock;

/** The policies {@code simulate --policy} knows, by name. */
public final class Policies {
    public static final List<String> NAMES = List.of("orderly", "uncontrolled", "equal-share");

    private Policies() {
    }

    public static ChargingPolicy create(String name, Scenario scenario, VirtualClock clock) {
        return switch (name) {
            case "orderly" -> new OrderlyPolicy(scenario.compound(), scenario.tariff(), clock,
                    OrderlySettings.defaults(scenario.penaltyPerKWh(), Duration.ofSeconds(scenario.stepSeconds())));
            case "uncontrolled" -> new UncontrolledPolicy(scenario.compound());
            case "equal-share" -> new EqualSharePolicy(scenario.compound(), clock);
            default -> throw new IllegalArgumentException("unknown policy '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
