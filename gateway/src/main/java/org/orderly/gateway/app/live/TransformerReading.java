package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The transformer meter's total active power (households and piles together), each phase's where its map reads them,
 * each line's load as the cycle takes it, when it was read and how long ago.
 *
 * @param readAt  when, on the clock (for display and records)
 * @param age     how long before the cycle, in elapsed time: what staleness is judged by, since NTP may step the clock
 *                between a reading and the cycle
 * @param phaseKw each phase's active power by quantity ({@code power.a.kw} ...); empty when the map reads none
 * @param lines   each line's load (from the phases' powers, or currents), for each line's room
 * @param phaseA  each line's current by quantity ({@code current.a.a} ...), of this same reading; empty when the map
 *                reads none: what telemetry reports beside the total, so that one message carries one reading
 * @param heardAgo how long before the cycle on the gateway's ticker, in real time as the piles' report ages are
 *                 ({@code age} is the simulated world's in a sped-up demo): what a pile's report is matched against
 */
public record TransformerReading(double totalKw, Instant readAt, Duration age, Map<String, Double> phaseKw,
                                 MeterLines lines, Map<String, Double> phaseA, Duration heardAgo) {

    public TransformerReading {
        phaseKw = Map.copyOf(phaseKw);
        Objects.requireNonNull(lines, "lines");
        phaseA = Map.copyOf(phaseA);
        Objects.requireNonNull(heardAgo, "heardAgo");
    }

    /** A reading of the total alone, in real time ({@code heardAgo} is {@code age}). */
    public TransformerReading(double totalKw, Instant readAt, Duration age) {
        this(totalKw, readAt, age, Map.of(), MeterLines.UNREAD, Map.of(), age);
    }
}
