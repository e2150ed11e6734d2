package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The transformer meter's total active power (households and piles together), each phase's where its map reads them,
 * when it was read and how long ago.
 *
 * @param readAt  when, on the clock (for display and records)
 * @param age     how long before the cycle, in elapsed time: what staleness is judged by, since NTP may step the clock
 *                between a reading and the cycle
 * @param phaseKw each phase's active power by quantity ({@code power.a.kw} ...); empty when the map reads none
 */
public record TransformerReading(double totalKw, Instant readAt, Duration age, Map<String, Double> phaseKw) {

    public TransformerReading {
        phaseKw = Map.copyOf(phaseKw);
    }

    /** A reading of the total alone. */
    public TransformerReading(double totalKw, Instant readAt, Duration age) {
        this(totalKw, readAt, age, Map.of());
    }
}
