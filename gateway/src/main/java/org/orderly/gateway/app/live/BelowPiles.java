package org.orderly.gateway.app.live;

import java.util.Locale;
import java.util.Optional;
import org.orderly.gateway.field.ReadingBounds;

/**
 * A transformer meter's total below what the piles alone drew in it, by their own reports: the meter reads the piles'
 * cars and the households together, so its total cannot be less than the cars' draw. Such a reading is a meter gone
 * wrong (a scale that reads a thousandth of the load for a reading, a CT slipped off its wire, a meter answering for
 * another circuit), not light households: taken at its word they would look idle and the cars be given the whole
 * transformer. The control takes the households as the last plausible reading had them while that is no older than a
 * reading may be, then the reading as none (conservative mode), as for a reading flowing back before its hold.
 *
 * @param totalKw what the meter's total read
 * @param pilesKw what the piles surely drew in that reading: each pile's draw as a meter measured it, its latest step
 *                left out where the reading may not hold it, nothing for a pile held its room (offline, not heard yet)
 *                or one that measured none
 */
public record BelowPiles(double totalKw, double pilesKw) {
    /**
     * How far below the piles' draw a total may read and still be a meter that is right, in kW, beside
     * {@link #SHARE}: five times the noise selftest allows an idle meter, as a reading flowing back is judged by
     * ({@link BackflowWatch#THRESHOLD_KW}).
     */
    public static final double MARGIN_KW = 0.5;
    /**
     * And the share of the piles' draw it may read below it: the meters' classes (1 % a meter, 0.5 % a CT) many times
     * over, and a car that drew less since its pile last said, a second at most before the reading.
     */
    public static final double SHARE = 0.1;

    /** The reading's total below the piles' draw beyond the margin; empty when it is not, or is no number. */
    public static Optional<BelowPiles> of(double totalKw, double pilesKw) {
        return totalKw < pilesKw * (1 - SHARE) - MARGIN_KW ? Optional.of(new BelowPiles(totalKw, pilesKw))
                : Optional.empty();
    }

    /** What it read, against what, and what to check. */
    public String describe() {
        return String.format(Locale.ROOT, "power.total.kw = %s kW is less than the piles alone draw (%s kW by their own"
                + " reports), which the meter's total holds; check the meter's register map (scale, type, word order), its"
                + " CT ratio and that each CT sits on its wire", ReadingBounds.said(totalKw), ReadingBounds.said(pilesKw));
    }
}
