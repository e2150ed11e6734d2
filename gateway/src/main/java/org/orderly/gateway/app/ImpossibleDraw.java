package org.orderly.gateway.app;

import java.util.Locale;
import java.util.Objects;
import org.orderly.gateway.field.ReadingBounds;
import org.orderly.gateway.field.modbus.MeterQuantities;
import org.orderly.gateway.field.pile.PileRating;

/**
 * A pile meter's total ({@code meters.piles[]}) above what its pile can draw ({@link PileRating#mostKw}): a register map
 * of the wrong type, scale or word order, or a wrong CT ratio, not a car's draw. No car's draw is read from it: the pile
 * is taken as if its meter had not answered.
 *
 * @param pileId   the pile the meter measures
 * @param meterId  the meter's id
 * @param quantity which: {@code power.total.kw}
 * @param kw       what it read
 * @param rating   the pile's, whose {@link PileRating#mostKw} it exceeds
 */
public record ImpossibleDraw(String pileId, String meterId, String quantity, double kw, PileRating rating) {
    public ImpossibleDraw {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(rating, "rating");
    }

    /** What to check of a meter reading more than its pile can draw, said at the end of every line that says so. */
    public static final String CHECK = "check the meter's register map (type, scale, word order) and its CT ratio";

    /**
     * Whether pile {@code pileId}'s meter {@code meterId} reads more than the pile can draw: its {@code power.total.kw}
     * {@code kw} against the pile's {@code rating} ({@link PileRating#exceededBy}). Null when it does not.
     */
    public static ImpossibleDraw judged(String pileId, String meterId, double kw, PileRating rating) {
        return rating.exceededBy(kw) ? new ImpossibleDraw(pileId, meterId, MeterQuantities.TOTAL_POWER, kw, rating) : null;
    }

    /** What it read, against what: {@code pile p0: its meter pile-p0 reads power.total.kw = 1.0E9 kW, more than ...}. */
    public String read() {
        return String.format(Locale.ROOT, "pile %s: its meter %s reads %s = %s kW, more than the pile can draw (bound:"
                + " %s)", pileId, meterId, quantity, ReadingBounds.said(kw), rating.mostKwReckoned());
    }

    /** What it read, against what, what the gateway does instead, and what to check. */
    public String describe() {
        return read() + "; not taken as its car's draw, the pile is taken as if its meter had not answered; " + CHECK;
    }
}
