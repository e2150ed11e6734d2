package org.orderly.gateway.upstream.message;

/** Something that happened: {@code kind} (control.mode, plan.failure, cap.accepted, outbox.trimmed, ...), about what, and a line of text. */
public record EventBody(String kind, String subject, String message) implements Body {
    @Override
    public MessageKind messageKind() {
        return MessageKind.EVENT;
    }
}
