package org.orderly.bridge.pile;

/** A grant that came after the pile was closed by a stop: it drives nothing, so it is refused, not acknowledged. */
public final class PileStoppingException extends IllegalStateException {

    PileStoppingException(String pileId) {
        super("pile " + pileId + " is stopping");
    }
}
