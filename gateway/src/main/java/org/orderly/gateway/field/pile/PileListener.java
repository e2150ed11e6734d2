package org.orderly.gateway.field.pile;

/** Hears about a pile driver's failures. Called on the driver's threads: keep it short, never block. */
public interface PileListener {

    /** An exchange failed. */
    void failed(PileFailure failure);

    /** The pile answers again after failures. */
    default void recovered(String pileId) {
    }

    /** A listener that only logs (the driver logs anyway). */
    static PileListener none() {
        return failure -> { };
    }
}
