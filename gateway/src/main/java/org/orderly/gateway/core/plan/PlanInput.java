package org.orderly.gateway.core.plan;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.core.forecast.BaseLoadForecast;
import org.orderly.gateway.core.model.GridCap;

/**
 * What planning is told: the time, the household load now and expected, the grid caps, the sessions. Without a live
 * reading to trust (conservative mode: the transformer reading is stale, flows back or lacks a line) the load now is
 * not known ({@code liveBaseKw} NaN) and {@code evRoomNowKw} is the EV power allowed now, the safe EV power: the
 * current slot has that room and no more; NaN with a live reading.
 */
public record PlanInput(Instant now, double liveBaseKw, BaseLoadForecast forecast, List<GridCap> caps,
                        List<PlanSession> sessions, double evRoomNowKw) {

    /** With a live reading of the household load now. */
    public PlanInput(Instant now, double liveBaseKw, BaseLoadForecast forecast, List<GridCap> caps,
                     List<PlanSession> sessions) {
        this(now, liveBaseKw, forecast, caps, sessions, Double.NaN);
    }

    /** Without a live reading: the forecast for every slot, and {@code safeEvKw} as the current slot's EV room. */
    public static PlanInput withoutReading(Instant now, BaseLoadForecast forecast, List<GridCap> caps,
                                           List<PlanSession> sessions, double safeEvKw) {
        if (!(safeEvKw >= 0)) {
            throw new IllegalArgumentException("the EV room now must be >= 0 kW without a live reading, got " + safeEvKw);
        }
        return new PlanInput(now, Double.NaN, forecast, caps, sessions, safeEvKw);
    }

    /** Whether the household load now is read live; if not, {@link #evRoomNowKw} is what the current slot may take. */
    public boolean readLive() {
        return Double.isNaN(evRoomNowKw);
    }
}
