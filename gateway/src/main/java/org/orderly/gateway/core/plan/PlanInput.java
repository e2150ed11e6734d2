package org.orderly.gateway.core.plan;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.core.forecast.BaseLoadForecast;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.SafeEvPower;

/**
 * What planning is told: the time, the household load now and expected, the grid caps, the sessions. Without a live
 * reading to trust (conservative mode: the transformer reading is stale, flows back or lacks a line) the load now is
 * not known ({@code liveBaseKw} NaN) and {@code safeNow} is the EV power allowed now, the safe EV power: the current
 * slot has that room, less what a cap in force there takes off the transformer's limit, and no more; null with a
 * live reading.
 */
public record PlanInput(Instant now, double liveBaseKw, BaseLoadForecast forecast, List<GridCap> caps,
                        List<PlanSession> sessions, SafeEvPower safeNow) {

    /** With a live reading of the household load now. */
    public PlanInput(Instant now, double liveBaseKw, BaseLoadForecast forecast, List<GridCap> caps,
                     List<PlanSession> sessions) {
        this(now, liveBaseKw, forecast, caps, sessions, null);
    }

    /** Without a live reading: the forecast for every slot, and {@code safe} for the current slot's EV room. */
    public static PlanInput withoutReading(Instant now, BaseLoadForecast forecast, List<GridCap> caps,
                                           List<PlanSession> sessions, SafeEvPower safe) {
        if (safe == null) {
            throw new IllegalArgumentException("the EV power allowed now is required without a live reading");
        }
        return new PlanInput(now, Double.NaN, forecast, caps, sessions, safe);
    }

    /** Whether the household load now is read live; if not, {@link #safeNow} says what the current slot may take. */
    public boolean readLive() {
        return safeNow == null;
    }
}
