package org.orderly.gateway.field.pile;

import java.util.Optional;
import org.orderly.gateway.field.ReadingBounds;
import org.orderly.gateway.field.SaidAtWarn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus pile's own {@code power.total.kw} held to what the pile can draw ({@link PileRating#exceededBy}), as a
 * bridge's {@code powerKw} is ({@link StatusJson}) and a pile meter's total, and to no less than an idle meter's noise
 * below zero ({@link PileRating#flowsBack}), as a pile meter's total is. A power register read with the wrong word
 * order, type or scale (2.5 kW with its words swapped is 163840 kW; a signed one of the wrong sign is -2.5 kW) is no
 * car's draw: it is not taken, the pile's draw not measured (NaN, as from a map that reads no power), and the rest of
 * its status (its state, its offer) is. One WARN when the pile first reads so, not at every status read (a map of the
 * wrong word order reads so at every one); INFO at its first possible reading after, when another impossible one is
 * said again: kept as a meter's failure and a pile meter's impossible draw are ({@link SaidAtWarn}), its numbers said
 * as theirs ({@link ReadingBounds#said}). The driver's thread only.
 *
 * <p>Both bounds hold only where the pile has a rating, which the gateway gives every pile it drives. A pile without
 * one is a command's ({@code orderly selftest}, {@code orderly pile}), which shows or judges the power as read: were
 * a power below zero made NaN here, selftest would judge no draw and pass the pile's row (it fails it with the value,
 * {@code PileDraw}).
 */
public final class OwnDrawBound {

    /** What to check of a pile's map whose power reads what no pile draws: the end of every line saying so. */
    public static final String CHECK = "check the word order (order: big or little), type and scale of its map's "
            + "power.total.kw against the pile's Modbus table";

    private static final Logger LOG = LoggerFactory.getLogger(OwnDrawBound.class);

    private final String pileId;
    private final Optional<PileRating> rating;
    /**
     * The quantity said at WARN to read what no pile draws (more than this one can, or below zero), while that lasts.
     */
    private final SaidAtWarn<String, String> said = new SaidAtWarn<>();

    /**
     * @param rating the pile's, from the configuration; empty, a command's: every power is taken as read, for the
     *               command to show or judge ({@link ModbusPileConfig#rating})
     */
    OwnDrawBound(String pileId, Optional<PileRating> rating) {
        this.pileId = pileId;
        this.rating = rating;
    }

    /**
     * The draw to take from a power of {@code kw} the pile's map read: it, or NaN (not measured) when impossible: above
     * what the pile can draw, or below zero by more than an idle meter's noise ({@link PileRating#flowsBack}).
     */
    double taken(double kw) {
        if (rating.isPresent() && (rating.get().exceededBy(kw) || PileRating.flowsBack(kw))) {
            if (said.news(pileId, PileMap.POWER)) {
                LOG.warn("pile {}: its map reads power.total.kw = {} kW, {}; not taken as its car's draw, the pile's"
                        + " draw is not measured; {}", pileId, ReadingBounds.said(kw), PileRating.flowsBack(kw)
                        ? PileRating.givesBack()
                        : "more than the pile can draw (bound: " + rating.get().mostKwReckoned() + ")", CHECK);
            }
            return Double.NaN;
        }
        if (!Double.isNaN(kw) && said.over(pileId) != null) {
            LOG.info("pile {}: its map reads a power the pile can draw again, {} kW", pileId, ReadingBounds.said(kw));
        }
        return kw;
    }
}
