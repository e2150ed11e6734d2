package org.orderly.gateway.field.modbus;

import java.util.Optional;
import java.util.OptionalInt;

/** A failed Modbus request, classified, with the bus, unit and registers it concerned in its message. */
public final class FieldReadException extends Exception {

    private final FailureKind kind;
    private final String context;
    /** Set where the exchange is cut at its deadline while a reply still came, whoever's; null for any other failure. */
    private final transient ReplyCut replyCut;
    /** The unit whose whole reply came instead of the unit asked's; -1 for any other failure. */
    private final int anotherUnit;

    public FieldReadException(FailureKind kind, String context, Throwable cause) {
        this(kind, context, cause, null, -1);
    }

    private FieldReadException(FailureKind kind, String context, Throwable cause, ReplyCut replyCut, int anotherUnit) {
        super(kind + ": " + context, cause);
        this.kind = kind;
        this.context = context;
        this.replyCut = replyCut;
        this.anotherUnit = anotherUnit;
    }

    /**
     * A {@code GARBLED}: a whole reply, of registers or an exception frame, came from unit {@code replied}, not the unit
     * asked (a late reply of another unit, a TCP-to-RS-485 gateway that mixes up its line's replies): a Modbus reply all
     * the same, which the commissioning commands say as such ({@link #anotherUnit}).
     */
    public static FieldReadException ofAnotherUnit(int replied, String context) {
        return new FieldReadException(FailureKind.GARBLED, context, null, null, replied);
    }

    /**
     * A {@code TIMEOUT}: the exchange was cut at its deadline while a reply was still coming, the unit asked's or
     * ({@link ReplyCut#ofUnitAsked} false) another unit's, late.
     */
    static FieldReadException cutAtDeadline(ReplyCut cut, String context, Throwable cause) {
        return new FieldReadException(FailureKind.TIMEOUT, context, cause, cut, -1);
    }

    /** This failure said with {@code context} instead, its kind, cause, cut and suppressed kept. */
    FieldReadException saying(String context) {
        FieldReadException said = new FieldReadException(kind, context, getCause(), replyCut, anotherUnit);
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

    /** The unit whose whole reply came instead of the unit asked's ({@link #ofAnotherUnit}); empty for any other failure. */
    public OptionalInt anotherUnit() {
        return anotherUnit < 0 ? OptionalInt.empty() : OptionalInt.of(anotherUnit);
    }

    /** Whether the exchange was cut while the unit asked was still sending its own reply ({@link #replyCut}). */
    public boolean cutWhileReplying() {
        return replyCut != null && replyCut.ofUnitAsked();
    }
}
