package org.orderly.gateway.core.plan;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.core.forecast.BaseLoadForecast;
import org.orderly.gateway.core.model.GridCap;

/** What planning is told: the time, the household load now and expected, the grid caps, the sessions. */
public record PlanInput(Instant now, double liveBaseKw, BaseLoadForecast forecast, List<GridCap> caps,
                        List<PlanSession> sessions) {
}
