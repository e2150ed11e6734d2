package org.orderly.gateway.upstream.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something that happened: {@code kind} (control.mode, plan.failure, cap.accepted, outbox.trimmed, ...), about what,
 * and a line of text. {@code skipped}, only in the {@code outbox.*} events that skip numbers on purpose, names them
 * as numbers (docs/upstream.md, "Bounds"); {@code seqFrom}, only in {@code store.movedAside} and
 * {@code store.numbered}, is the first number the fresh store gives, so a consumer knows the jump to it was no loss;
 * {@code dropped}, only in {@code outbox.dropped}, is how many messages the outbox dropped before numbering them (they
 * have no numbers to name); {@code meet}, only in {@code cap.accepted}, is what the gateway can meet of the cap, as its
 * reply says ({@link CapMeet}). Each is left out of every other event.
 */
public record EventBody(String kind, String subject, String message,
                        @JsonInclude(JsonInclude.Include.NON_NULL) SkippedSeqs skipped,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long seqFrom,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long dropped,
                        @JsonInclude(JsonInclude.Include.NON_NULL) CapMeet meet) implements Body {

    public EventBody(String kind, String subject, String message) {
        this(kind, subject, message, null, null, null, null);
    }

    public EventBody(String kind, String subject, String message, SkippedSeqs skipped) {
        this(kind, subject, message, skipped, null, null, null);
    }

    /** An event saying where a fresh store's numbers begin: {@code store.movedAside}, {@code store.numbered}. */
    public static EventBody numbersFrom(String kind, String subject, String message, long seqFrom) {
        return new EventBody(kind, subject, message, null, seqFrom, null, null);
    }

    /** {@code outbox.dropped}: how many messages went before they were numbered. */
    public static EventBody dropped(String kind, String subject, String message, long dropped) {
        return new EventBody(kind, subject, message, null, null, dropped, null);
    }

    /** {@code cap.accepted}: what the gateway can meet of the cap, as its reply says it. */
    public static EventBody capAccepted(String kind, String subject, String message, CapMeet meet) {
        return new EventBody(kind, subject, message, null, null, null, meet);
    }

    @Override
    public MessageKind messageKind() {
        return MessageKind.EVENT;
    }
}
