package org.orderly.gateway.upstream.message;

import java.time.Instant;

/**
 * A completed charging session; the declared values are {@code null} when the resident declared none.
 * {@code departureSeen} is false when the car left while the gateway was down: {@code departure} is then the last time
 * it was known plugged in, a lower bound (docs/upstream.md). {@code deliveredKnown} is false when what the car took is
 * not known (its pile counts no energy): {@code deliveredKwh} is then 0, which is no count.
 */
public record SessionBody(String sessionId, String pile, Instant arrival, Instant departure, Instant declaredDeparture,
                          Double declaredKwh, double deliveredKwh, boolean departureSeen, boolean deliveredKnown)
        implements Body {
    @Override
    public MessageKind messageKind() {
        return MessageKind.SESSION;
    }
}
