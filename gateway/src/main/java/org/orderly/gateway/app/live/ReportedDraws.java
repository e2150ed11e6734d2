package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.orderly.gateway.core.time.Tick;

/**
 * What each pile reported drawing, by when its report came (on the gateway's ticker), so that a transformer reading is
 * matched with the draws it can hold: a report that came after the meter was read may tell of a car that began to draw
 * since, which that reading does not hold yet. Kept as steps, not as reports: a report within {@link #SAME_KW} of the
 * current step's draw belongs to it (which keeps the least draw it saw, so what is taken off is never more than the
 * car drew then), and only a larger change starts a new step. A car drawing steadily for an hour is one step, however
 * long the meter's staleness or short the control period; the last {@link #KEPT} steps of each pile are kept.
 * A draw's time is the draw's own ({@link PileObservation#drawAt()}, {@link PileObservation#drawAge()}): where a pile's
 * bus meter measured it, the meter's reading's, not the pile's report's, which may be a bridge's report interval (10 s)
 * older or a round of the bus newer; and a new meter reading is a new draw between two reports of the pile.
 * A report of a step's draw after the pile was offered less than it and then as much again ({@link #offered}) begins
 * a new step, though of the same draw: the car may have followed the cut between the two reports and risen again, so
 * it does not say the car drew so throughout (until 2026-12-07 it did, and a reading that held the cut was said to hold
 * the old draw: the cycle's households and the telemetry's least total now were low by the gap). So too a report of
 * a draw above the least offer since the step's latest report, the offer raised part of the way back: the car may have
 * been at that least in a reading between the two, which is kept with the step ({@link #followedAt}). A report's least
 * offer since begins at the least given since its draw was measured ({@link RecentOffers}), not at none: a report of
 * a draw measured before a cut comes after the cut, and the car may have followed it. That least, kept as offers come
 * until the next report, is the one the control cycle's households bound takes too ({@link #leastOfferSinceDrawKw}).
 */
final class ReportedDraws {
    /** Steps kept per pile: a meter read before all of them finds none, and nothing is taken off (less room). */
    private static final int KEPT = 8;
    /** A change of draw smaller than this is the same step: meter noise, a car's own wander (0.1 kW is ~0.43 A). */
    static final double SAME_KW = 0.1;

    /** Per pile, its steps: when each began (its first report came, on the ticker) and the least draw it saw. */
    private final TickedKwRings steps;
    /** Per step, when its latest report came: a report after a reading, still of that step, says it went on past it. */
    private final long[][] lastOfStepAt;
    /** Per pile, when its latest draw was so, on the wall clock: a draw seen again is no new one. */
    private final Instant[] lastDrawAt;
    /** Per pile, when its latest draw was so, on the ticker (meaningful once it has reported). */
    private final long[] lastCameAt;
    /**
     * Per pile, the least offer (in kW) since its latest draw was measured: begun at each new report from the offers
     * given since that draw ({@link RecentOffers#leastSince}), then lowered by each offer until the next report, so a
     * pile that reports less often than the offers kept still has it. Infinite with none (and before a report, the
     * least of all offers given).
     */
    private final double[] leastOfferSinceDrawKw;
    /**
     * Per pile, the least cut given less than a car's time to follow before its latest draw was measured
     * ({@link RecentOffers#leastCutBefore}): one the car may answer after that draw. Infinite with none.
     */
    private final double[] cutBeforeDrawKw;
    /**
     * Per step, the least offer since its latest report where it was below both the step's draw and the next step's
     * (the car may have followed that offer in between, and risen since); infinite otherwise.
     */
    private final double[][] mayHaveFollowedKw;
    /** Per pile, the latest offer, in kW. */
    private final double[] offerKw;
    /** Each pile's latest offers with when they were given: the least a new report's draw may not hold yet. */
    private final RecentOffers offers;

    /** @param follow how long a car may take to follow a lower offer ({@link RecentOffers}) */
    ReportedDraws(int piles, Duration follow) {
        steps = new TickedKwRings(piles, KEPT);
        lastOfStepAt = new long[piles][KEPT];
        lastDrawAt = new Instant[piles];
        lastCameAt = new long[piles];
        leastOfferSinceDrawKw = new double[piles];
        Arrays.fill(leastOfferSinceDrawKw, Double.POSITIVE_INFINITY);
        cutBeforeDrawKw = new double[piles];
        Arrays.fill(cutBeforeDrawKw, Double.POSITIVE_INFINITY);
        mayHaveFollowedKw = new double[piles][KEPT];
        offerKw = new double[piles];
        Arrays.fill(offerKw, Double.POSITIVE_INFINITY);
        offers = new RecentOffers(piles, follow);
    }

    /**
     * Takes in the offer the cycle at {@code at} gave pile {@code i}, in kW: what its car may have followed since its
     * latest report.
     */
    void offered(int i, Tick at, double kw) {
        offerKw[i] = kw;
        offers.given(i, at, kw);
        leastOfferSinceDrawKw[i] = Math.min(leastOfferSinceDrawKw[i], kw);
    }

    /** Takes in this cycle's report of a pile's draw, if it is a new one; says whether it was. */
    boolean see(PileObservation p, Tick now) {
        int i = p.pileIndex();
        if (!p.reported() || p.drawAt().equals(lastDrawAt[i])) {
            return false;
        }
        lastDrawAt[i] = p.drawAt();
        long came = now.nanos() - p.drawAge().toNanos();
        lastCameAt[i] = came;
        double drew = p.drawKnown() ? Math.max(0, p.powerKw()) : 0;
        // What the car may have followed since its previous draw: a cut it had not answered by then, too.
        double leastBefore = Math.min(leastOfferSinceDrawKw[i], cutBeforeDrawKw[i]);
        leastOfferSinceDrawKw[i] = offers.leastSince(i, came);
        cutBeforeDrawKw[i] = offers.leastCutBefore(i, came);
        int current = steps.latest(i);
        if (current >= 0) {
            double stepKw = steps.kw(i, current);
            boolean mayHaveDipped = leastBefore < stepKw - SAME_KW && offerKw[i] > stepKw - SAME_KW;
            if (Math.abs(drew - stepKw) < SAME_KW && !mayHaveDipped) {
                steps.setKw(i, current, Math.min(stepKw, drew));
                lastOfStepAt[i][current] = came;
                return true;
            }
            // The car may have followed that least between the two reports and risen since, all the way back or part
            // of it: a reading taken in between may hold it there, below both draws (until 2026-12-07 only where the
            // offer was back up to the step's draw, and a cut lifted part of the way was forgotten by the risen report).
            if (mayHaveDipped || leastBefore < Math.min(stepKw, drew) - SAME_KW) {
                mayHaveFollowedKw[i][current] = leastBefore;
            }
        }
        int slot = steps.add(i, came, drew);
        mayHaveFollowedKw[i][slot] = Double.POSITIVE_INFINITY;
        lastOfStepAt[i][slot] = came;
        return true;
    }

    /**
     * What pile {@code i} had last reported drawing by {@code tick}: the draw a meter read then can hold. Nothing (0)
     * when no step kept began by then: none is known to be in that reading, and taking off less errs toward less room.
     */
    double kwBy(int i, Tick tick) {
        int at = stepAt(i, tick);
        return at < 0 ? 0 : steps.kw(i, at);
    }

    /** The slot of pile {@code i}'s step in force at {@code tick}, the latest begun by then; -1 with none kept. */
    private int stepAt(int i, Tick tick) {
        int at = -1;
        long atAgo = Long.MAX_VALUE;
        for (int k = 0; k < steps.count(i); k++) {
            // How long before the tick the step began: a difference of ticks, right where the count wraps.
            long ago = tick.nanos() - steps.at(i, k);
            if (ago >= 0 && ago < atAgo) {
                at = k;
                atAgo = ago;
            }
        }
        return at;
    }

    /**
     * The least pile {@code i} drew when a meter was read at {@code tick}, by its reports either side of it: the draw of
     * the step in force then ({@link #kwBy}) where a report of that same step came after the tick, or no report since
     * (the draw went on past the reading as far as is known); else the lower of it and the first step after, since the
     * pile's report lags its car and a step first reported after the reading may be in it already. Not its draw now: a
     * car that stopped after a report that came after the reading drew in it. Nothing (0) where no step kept began by
     * then, as {@link #kwBy}. Where no report of the step in force came after the tick (none since, or only of another
     * step), the car may have followed a cut before the reading and drawn less than any report tells: then no more than
     * {@code followedKw}, what the car drew had it followed the least offer since its latest report, nor than the least
     * offer before the next report where that was below both steps' draws ({@link #followedAt}).
     */
    double leastAt(int i, Tick tick, double followedKw) {
        int at = stepAt(i, tick);
        int after = -1;
        long afterIn = Long.MAX_VALUE;
        for (int k = 0; k < steps.count(i); k++) {
            long in = steps.at(i, k) - tick.nanos();
            if (in > 0 && in < afterIn) {
                after = k;
                afterIn = in;
            }
        }
        if (at < 0) {
            return 0;
        }
        boolean wentOnPast = lastOfStepAt[i][at] - tick.nanos() > 0;
        double atKw = steps.kw(i, at);
        if (wentOnPast) {
            return atKw;
        }
        double followed = Math.min(followedKw, mayHaveFollowedKw[i][at]);
        return Math.min(followed, after < 0 ? atKw : Math.min(atKw, steps.kw(i, after)));
    }

    /**
     * The least pile {@code i}'s car may have drawn at {@code tick} had it followed its offers: the least offer after
     * the latest report of the step in force then, where it was below the draws of both that step and the next (the car
     * may have followed the cut, and the next report, of the same draw or of a raise part of the way back, says only
     * that it rose again); infinite otherwise, or where none was in force then.
     */
    double followedAt(int i, Tick tick) {
        int at = stepAt(i, tick);
        return at < 0 ? Double.POSITIVE_INFINITY : mayHaveFollowedKw[i][at];
    }

    /**
     * The least pile {@code i}'s car may draw in a meter reading taken at {@code meterRead} by the offers it may have
     * followed since its latest draw was measured, in kW: the least offer given since that draw, and, for a reading
     * taken after the draw, a cut given less than the time to follow before it, which the car may answer after the draw.
     * Infinite with none (before its first report, the least of all offers given).
     */
    double leastOfferSinceDrawKw(int i, Tick meterRead) {
        boolean readAfterTheDraw = lastDrawAt[i] != null && meterRead.nanos() - lastCameAt[i] > 0;
        return readAfterTheDraw ? Math.min(leastOfferSinceDrawKw[i], cutBeforeDrawKw[i]) : leastOfferSinceDrawKw[i];
    }

    /** Whether pile {@code i}'s latest step began after {@code tick}: a draw the reading then cannot hold. */
    boolean changedAfter(int i, Tick tick) {
        int latest = steps.latest(i);
        return latest >= 0 && steps.at(i, latest) - tick.nanos() > 0;
    }

    /** Whether pile {@code i}'s latest draw was before {@code tick}, or it has not reported: it cannot tell of then. */
    boolean reportedBefore(int i, Tick tick) {
        return lastDrawAt[i] == null || tick.nanos() - lastCameAt[i] > 0;
    }
}
