package org.orderly.gateway.field.modbus;

import java.util.Optional;

/** A failed Modbus request, classified, with the bus, unit and registers it concerned in its message. */
public final class FieldReadException extends Exception {

    private final FailureKind kind;
    private final String context;
    /** Set where the exchange is cut at its deadline while the unit still replied; null for any other failure. */
    private final transient ReplyCut replyCut;

    public FieldReadException(FailureKind kind, String context, Throwable cause) {
        this(kind, context, cause, null);
    }

    private FieldReadException(FailureKind kind, String context, Throwable cause, ReplyCut replyCut) {
        super(kind + ": " + context, cause);
        this.kind = kind;
        this.context = context;
        this.replyCut = replyCut;
    }

    /** A {@code TIMEOUT}: the exchange was cut at its deadline while the unit was still sending its reply. */
    static FieldReadException cutAtDeadline(ReplyCut cut, String context, Throwable cause) {
        return new FieldReadException(FailureKind.TIMEOUT, context, cause, cut);
    }

    /** This failure said with {@code context} instead, its kind, cause, cut and suppressed kept. */
    FieldReadException saying(String context) {
        FieldReadException said = new FieldReadException(kind, context, getCause(), replyCut);
        for (Throwable s : getSuppressed()) {
            said.addSuppressed(s);
        }
        return said;
    }

    /** The message without its kind: where, and what happened. */
    public String context() {
        return context;
    }

    public FailureKind kind() {
        return kind;
    }

    /**
     * The cut, when the exchange was cut at its deadline while the unit was still sending (a reply a byte at a time):
     * the unit answered, too slowly. Empty for every other failure, a silent unit's timeout among them.
     */
    public Optional<ReplyCut> replyCut() {
        return Optional.ofNullable(replyCut);
    }

    /** Whether the exchange was cut while the unit was still sending its reply ({@link #replyCut}). */
    public boolean cutWhileReplying() {
        return replyCut != null;
    }
}
