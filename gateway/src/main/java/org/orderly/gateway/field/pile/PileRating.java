package org.orderly.gateway.field.pile;

import org.orderly.text.AsWritten;

/**
 * What the gateway's configuration says of a pile behind a bridge ({@code compound.piles}: its {@code maxA} and
 * {@code phase}), to check against what the bridge says of itself on {@code /info}.
 *
 * @param maxAmps the pile's {@code maxA}
 * @param phases  1, or 3 for {@code phase: ABC}
 */
public record PileRating(double maxAmps, int phases) {
    /**
     * Above any phase's voltage on a low-voltage supply (230 V, +10 % at most: 253 V): a pile drawing more than its
     * current at this on each of its phases draws what it cannot.
     */
    public static final double MOST_VOLTS = 300;

    public PileRating {
        if (!(maxAmps > 0) || Double.isInfinite(maxAmps) || (phases != 1 && phases != 3)) {
            throw new IllegalArgumentException("a pile's rating is > 0 A on 1 or 3 phases, was " + AsWritten.number(maxAmps) + " A on "
                    + phases);
        }
    }

    /** The most this pile can draw, in kW: its {@code maxA} on each of its phases at {@link #MOST_VOLTS}. */
    public double mostKw() {
        return maxAmps * phases * MOST_VOLTS / 1000;
    }

    /** How {@link #mostKw} is reckoned, for a line refusing a draw above it: {@code 16 A on 3 phases at 300 V is 14.4 kW}. */
    public String mostKwReckoned() {
        return AsWritten.number(maxAmps) + " A on " + (phases == 1 ? "1 phase" : phases + " phases")
                + " at " + AsWritten.number(MOST_VOLTS) + " V is "
                + AsWritten.number(mostKw()) + " kW";
    }
}
