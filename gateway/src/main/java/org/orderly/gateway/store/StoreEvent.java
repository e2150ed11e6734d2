package org.orderly.gateway.store;

import java.time.Instant;
import java.util.Objects;

/** Something worth remembering: {@code kind} (store.overflow, meter.stale, ...), what it is about, and a line of text. */
public record StoreEvent(Instant time, String kind, String subject, String message) {
    public StoreEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        subject = subject == null ? "" : subject;
        message = message == null ? "" : message;
    }
}
