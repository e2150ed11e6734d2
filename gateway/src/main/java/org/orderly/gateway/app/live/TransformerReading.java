package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;

/**
 * The transformer meter's total active power (households and piles together), when it was read and how long ago.
 *
 * @param readAt when, on the clock (for display and records)
 * @param age    how long before the cycle, in elapsed time: what staleness is judged by, since NTP may step the clock
 *               between a reading and the cycle
 */
public record TransformerReading(double totalKw, Instant readAt, Duration age) {
}
