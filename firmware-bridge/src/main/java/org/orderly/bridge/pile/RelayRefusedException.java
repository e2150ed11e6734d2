package org.orderly.bridge.pile;

import java.util.Arrays;
import java.util.Optional;

/**
 * The relay output refused a change (its GPIO line cannot be written), named by what the relay is left as: still
 * closed, {@link PileFault#RELAY_NOT_OPENED}, the contactor may carry current; or open, {@link
 * PileFault#RELAY_NOT_CLOSED}, nothing flows but the pile cannot charge. Either way the pile drives its pilot to F, so
 * no car is left in C under an offer the relay does not follow, and says the reason in its status.
 */
final class RelayRefusedException extends IllegalStateException {
    private final boolean leftClosed;

    /** {@code leftClosed}: whether the relay reads closed after the refusal, whatever was asked of it. */
    RelayRefusedException(String pileId, boolean leftClosed, RuntimeException cause) {
        super("pile " + pileId + ": " + reason(leftClosed) + ": " + cause.getMessage(), cause);
        this.leftClosed = leftClosed;
    }

    private static String reason(boolean leftClosed) {
        return leftClosed ? PileFault.RELAY_NOT_OPENED : PileFault.RELAY_NOT_CLOSED;
    }

    /** What the status says of it. */
    String reason() {
        return reason(leftClosed);
    }

    /** Whether the relay was left closed: the contactor may still carry current. */
    boolean leftClosed() {
        return leftClosed;
    }

    /** The relay's refusal in {@code failure}, itself or one suppressed in it; empty if the relay refused nothing. */
    static Optional<RelayRefusedException> in(RuntimeException failure) {
        if (failure instanceof RelayRefusedException relay) {
            return Optional.of(relay);
        }
        return Arrays.stream(failure.getSuppressed()).filter(RelayRefusedException.class::isInstance)
                .map(RelayRefusedException.class::cast).findFirst();
    }

    /** Whether {@code failure}, or one suppressed in it, is anything else: the pilot's. */
    static boolean besides(RuntimeException failure) {
        return !(failure instanceof RelayRefusedException)
                || Arrays.stream(failure.getSuppressed()).anyMatch(s -> !(s instanceof RelayRefusedException));
    }
}
