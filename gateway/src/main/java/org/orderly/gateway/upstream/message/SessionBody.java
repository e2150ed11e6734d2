package org.orderly.gateway.upstream.message;

import java.time.Instant;

/** A completed charging session; the declared values are {@code null} when the resident declared none. */
public record SessionBody(String sessionId, String pile, Instant arrival, Instant departure, Instant declaredDeparture,
                          Double declaredKwh, double deliveredKwh) implements Body {
    @Override
    public MessageKind messageKind() {
        return MessageKind.SESSION;
    }
}
