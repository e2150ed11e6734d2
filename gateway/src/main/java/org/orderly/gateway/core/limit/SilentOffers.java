package org.orderly.gateway.core.limit;

import java.util.Arrays;

/**
 * The offers in force, by pile index, of the piles that do not say what their car draws (a Modbus pile without a power
 * register, its bus meter not read). Nothing of such a car's draw comes off the meter's total, so the room a node is
 * judged to have is already less its draw (taken as the households'), and whatever more it is offered is the
 * households' again at the next reading: a raise above its offer in force takes room twice, once as the offer and once
 * as the households' the next reading will see. The Limiter counts it so ({@link Limiter#limit(double[], java.util.List,
 * SilentOffers)}): up to its offer in force such a pile takes its current from a node's room, above it twice its
 * current. Offers that fit so are still there the next cycle once the cars draw them (a node whose households leave it
 * T holds a pile that says its draw at M beside one that does not at S where M + 2S is T), and never more than the
 * room was given out, as for any pile. Taking its draw off the meter's instead would make the households look lighter
 * by a draw that may not be there (a car that is full draws nothing), for as long as the pile is given anything.
 *
 * <p>Made each cycle: held by pile index in an array, as the Limiter's other per-pile data, not a map of boxed numbers;
 * a class, not a record, so that the array is not handed out to be changed.
 */
public final class SilentOffers {
    /** Every pile says its draw (a simulation's always do; a reading not trusted has no households to count twice in). */
    public static final SilentOffers NONE = new SilentOffers(new double[0]);

    /** Per pile index, the current above which its offer counts twice; infinite for a pile that says its draw. */
    private final double[] twiceAboveA;

    private SilentOffers(double[] twiceAboveA) {
        this.twiceAboveA = twiceAboveA;
    }

    /**
     * @param inForceA per pile, the offer in force as the cycle began
     * @param drawA    per pile, the current its car drew as reported; NaN where the pile does not say
     * @throws IllegalArgumentException naming a pile that does not say its draw whose offer is negative, infinite or NaN
     */
    public static SilentOffers of(double[] inForceA, double[] drawA) {
        double[] twiceAboveA = null;
        for (int i = 0; i < drawA.length; i++) {
            if (!Double.isNaN(drawA[i])) {
                continue;
            }
            if (!(inForceA[i] >= 0) || Double.isInfinite(inForceA[i])) {
                throw new IllegalArgumentException("pile " + i + ": an offer in force must be >= 0 A, was " + inForceA[i]);
            }
            if (twiceAboveA == null) {
                twiceAboveA = new double[drawA.length];
                Arrays.fill(twiceAboveA, Double.POSITIVE_INFINITY);
            }
            twiceAboveA[i] = inForceA[i];
        }
        return twiceAboveA == null ? NONE : new SilentOffers(twiceAboveA);
    }

    /** The current above which pile {@code i}'s offer counts twice: its offer in force if it does not say its draw. */
    public double twiceAboveA(int pileIndex) {
        return pileIndex < twiceAboveA.length ? twiceAboveA[pileIndex] : Double.POSITIVE_INFINITY;
    }
}
