package org.orderly.gateway.app.live;

import java.time.Instant;

/** The transformer meter's total active power (households and piles together) and when it was read. */
public record TransformerReading(double totalKw, Instant readAt) {
}
