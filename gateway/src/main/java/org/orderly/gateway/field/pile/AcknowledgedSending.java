package org.orderly.gateway.field.pile;

import java.util.Optional;
import org.orderly.gateway.core.time.Tick;

/**
 * When the sending of the limit a pile last acknowledged began, for {@link PileDriver#acknowledgedSendingAt}: a status
 * received after it shows that limit. Both drivers keep it the same way; their {@link LimitSender} stamps it, their
 * {@link LeaseKeeper} says which value it was for.
 */
final class AcknowledgedSending {
    private final LeaseKeeper keeper;
    private volatile Tick began;

    AcknowledgedSending(LeaseKeeper keeper) {
        this.keeper = keeper;
    }

    /** The pile acknowledged the limit whose sending began at {@code sending}. */
    void acknowledged(Tick sending) {
        began = sending;
    }

    /** When the acknowledged sending of {@code amps} began; empty unless the pile acknowledges {@code amps} now. */
    Optional<Tick> of(double amps) {
        Tick at = began;
        return keeper.acknowledges(amps) && at != null ? Optional.of(at) : Optional.empty();
    }
}
