package org.orderly.gateway.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something worth remembering: {@code kind} (store.overflow, control.mode, ...), what it is about, a line of English
 * text (the log's and the upstream message's), and its {@code args}: what the text says, by name, for the page to say
 * it in its language (docs/web.md, "Events"). {@code args} is null for an event stored before events had them.
 */
public record StoreEvent(Instant time, String kind, String subject, String message, Map<String, String> args) {
    public StoreEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        subject = subject == null ? "" : subject;
        message = message == null ? "" : message;
        args = args == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** Without arguments, as stored before events had them. */
    public StoreEvent(Instant time, String kind, String subject, String message) {
        this(time, kind, subject, message, null);
    }

    /**
     * An event of {@code kind} with its arguments as name, value pairs ({@code "by", "li"}); a pair whose value is null
     * is left out. Every name must be one of the kind's ({@link EventKind#args()}, or {@value EventKind#FORM} naming
     * one of its forms): a name it does not declare would have no text on the page.
     */
    public static StoreEvent of(Instant time, EventKind kind, String subject, String message, Object... args) {
        return new StoreEvent(time, kind.code(), subject, message, EventArgs.of(kind, args));
    }
}
