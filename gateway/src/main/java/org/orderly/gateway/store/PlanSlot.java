package org.orderly.gateway.store;

import java.time.Instant;

/** One slot of a stored plan: [start, end), the expected household kW and the planned EV kW. */
public record PlanSlot(Instant start, Instant end, double baseKw, double evKw) {
}
