package org.orderly.bridge.pile;

import java.util.Arrays;

/**
 * The relay output refused to open (its GPIO line cannot be written): the contactor may still carry current, so the
 * pile drives its pilot to F for the car to stop on and says {@link PileFault#RELAY_NOT_OPENED} in its status.
 */
final class RelayNotOpenedException extends IllegalStateException {

    RelayNotOpenedException(String pileId, RuntimeException cause) {
        super("pile " + pileId + ": " + PileFault.RELAY_NOT_OPENED + ": " + cause.getMessage(), cause);
    }

    /** Whether {@code failure}, or one suppressed in it, is a relay that refused to open. */
    static boolean in(RuntimeException failure) {
        return failure instanceof RelayNotOpenedException
                || Arrays.stream(failure.getSuppressed()).anyMatch(RelayNotOpenedException.class::isInstance);
    }

    /** Whether {@code failure}, or one suppressed in it, is anything else: the pilot's. */
    static boolean besides(RuntimeException failure) {
        return !(failure instanceof RelayNotOpenedException)
                || Arrays.stream(failure.getSuppressed()).anyMatch(s -> !(s instanceof RelayNotOpenedException));
    }
}
