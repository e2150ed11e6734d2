package org.orderly.gateway.field.pile;

/**
 * How many times faster than real time a pile's world runs, as its driver's configuration says: a sped-up demo's
 * {@code --speed} (its bridges count their cars' energy on the world's clock), {@link #REAL} for a real gateway. One
 * check for both drivers' configurations.
 */
final class PileWorldSpeed {
    /** A real gateway's world: real time. */
    static final double REAL = 1.0;

    private PileWorldSpeed() {
    }

    /** Refuses a speed below 1 (the world never runs slower) or not finite, naming pile {@code pileId}. */
    static void check(String pileId, double speed) {
        if (!(speed >= 1) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("pile " + pileId + ": world speed must be a finite number >= 1, was " + speed);
        }
    }
}
