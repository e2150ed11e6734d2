package org.orderly.gateway.field.modbus;

import java.util.Optional;

/** A failed Modbus request, classified, with the bus, unit and registers it concerned in its message. */
public final class FieldReadException extends Exception {

    private final FailureKind kind;
    private final String context;
    /** Set where the exchange is cut at its deadline while a reply still came, whoever's; null for any other failure. */
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

    /**
     * A {@code TIMEOUT}: the exchange was cut at its deadline while a reply was still coming, the unit asked's or
     * ({@link ReplyCut#ofUnitAsked} false) another unit's, late.
     */
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
     * The cut, when the exchange was cut at its deadline while a reply was still coming (a byte at a time): the unit's
     * own ({@link #cutWhileReplying}: it answered, too slowly), or another unit's late reply, which held the line (its
     * rest waited out before the next request, as the unit's own). Empty for every other failure, a silent unit's
     * timeout among them: a cut with no byte come is one.
     */
    public Optional<ReplyCut> replyCut() {
        return Optional.ofNullable(replyCut);
    }

    /** Whether the exchange was cut while the unit asked was still sending its own reply ({@link #replyCut}). */
    public boolean cutWhileReplying() {
        return replyCut != null && replyCut.ofUnitAsked();
    }
}
