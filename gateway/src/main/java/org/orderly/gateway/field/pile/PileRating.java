package org.orderly.gateway.field.pile;

import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.field.ReadingBounds;
import org.orderly.text.AsWritten;

/**
 * What the gateway's configuration says of a pile behind a bridge ({@code compound.piles}: its {@code minA},
 * {@code maxA} and {@code phase}), to check against what the bridge says of itself on {@code /info}.
 *
 * @param minAmps the pile's {@code minA}: a {@code maxA} below it is refused, so what the installer is told to set
 *                maxA to must not be
 * @param maxAmps the pile's {@code maxA}
 * @param phases  1, or 3 for {@code phase: ABC}
 */
public record PileRating(double minAmps, double maxAmps, int phases) {
    public PileRating {
        if (!(maxAmps > 0) || Double.isInfinite(maxAmps) || (phases != 1 && phases != 3)) {
            throw new IllegalArgumentException("a pile's rating is > 0 A on 1 or 3 phases, was " + AsWritten.number(maxAmps) + " A on "
                    + phases);
        }
        if (!(minAmps > 0 && minAmps <= maxAmps)) {
            throw new IllegalArgumentException("a pile's minA is > 0 A and at most its maxA " + AsWritten.number(maxAmps)
                    + " A, was " + AsWritten.number(minAmps) + " A");
        }
    }

    /**
     * What the compound's configuration says of {@code pile}: its {@code minA}, {@code maxA} and how many phases it draws
     * on. Its driver checks what its bridge says against it and bounds its draw and count by it; the session tracker
     * bounds what a count begun again can say by the same {@link #mostKw} (until 2026-12-07 by the compound's phase
     * voltage, 220 V, below this bound's 300 V: sess61).
     */
    public static PileRating of(Pile pile) {
        return new PileRating(pile.minCurrentA(), pile.maxCurrentA(), pile.phase() == Phase.ABC ? 3 : 1);
    }

    /** The most this pile can draw, in kW ({@link ReadingBounds#pileKw}). */
    public double mostKw() {
        return ReadingBounds.pileKw(maxAmps, phases);
    }

    /**
     * Whether {@code kw}, a draw the pile or its meter reports, is more than the pile can draw ({@link #mostKw}): no
     * car's draw but a map or CT ratio wrong. NaN is not.
     */
    public boolean exceededBy(double kw) {
        return kw > mostKw();
    }

    /**
     * Whether {@code kw}, a draw the pile or its meter reports, is below what an idle meter reads
     * ({@link ReadingBounds#PILE_LEAST_KW}): power flowing out of the pile, no car's draw but a map's sign, type or
     * word order wrong, or a meter wired the wrong way round. NaN is not. Whatever the pile's rating.
     */
    public static boolean flowsBack(double kw) {
        return kw < ReadingBounds.PILE_LEAST_KW;
    }

    /**
     * For a line refusing a draw below {@link ReadingBounds#PILE_LEAST_KW}: {@code below -0.1 kW: a pile draws power,
     * it gives none back (an idle meter's noise is within 0.1 kW of zero)}.
     */
    public static String givesBack() {
        return "below " + AsWritten.number(ReadingBounds.PILE_LEAST_KW) + " kW: a pile draws power, it gives none back"
                + " (an idle meter's noise is within " + AsWritten.number(-ReadingBounds.PILE_LEAST_KW) + " kW of zero)";
    }

    /**
     * For a line refusing a draw above {@link #mostKw}: {@code more than pile P1 can draw: 32 A on 1 phase at 300 V is
     * 9.6 kW}.
     */
    public String moreThan(String pileId) {
        return "more than pile " + pileId + " can draw: " + mostKwReckoned();
    }

    /** How {@link #mostKw} is reckoned, for a line refusing a draw above it: {@code 16 A on 3 phases at 300 V is 14.4 kW}. */
    public String mostKwReckoned() {
        return AsWritten.number(maxAmps) + " A on " + (phases == 1 ? "1 phase" : phases + " phases")
                + " at " + AsWritten.number(ReadingBounds.MOST_PHASE_VOLTS) + " V is "
                + AsWritten.number(mostKw()) + " kW";
    }
}
