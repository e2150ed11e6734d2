package org.orderly.gateway.app;

import java.util.Locale;
import java.util.Objects;
import org.orderly.gateway.app.live.ImpossibleReading;
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

    /** What it read, against what, what the gateway does instead, and what to check. */
    public String describe() {
        return String.format(Locale.ROOT, "pile %s: its meter %s reads %s = %s kW, more than the pile can draw (bound:"
                + " %s); not taken as its car's draw, the pile is taken as if its meter had not answered; check the"
                + " meter's register map (type, scale, word order) and its CT ratio", pileId, meterId, quantity,
                ImpossibleReading.said(kw), rating.mostKwReckoned());
    }
}
