package org.orderly.gateway.core.policy;

import java.time.Duration;

/** The live gateway's settings as most tests take them: its cycle of one second. */
public final class LiveSettings {
    private LiveSettings() {
    }

    /** {@link OrderlySettings#live(double, Duration)} every second, as the gateway cycles unless told otherwise. */
    public static OrderlySettings of(double penaltyPerKWh) {
        return OrderlySettings.live(penaltyPerKWh, Duration.ofSeconds(1));
    }
}
