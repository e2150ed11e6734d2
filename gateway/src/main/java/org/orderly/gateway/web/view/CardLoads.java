package org.orderly.gateway.web.view;

import java.util.List;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.PileReason;

/**
 * The transformer card's loads, all of one control cycle ({@link CycleSeen}): the reading it decided on, the EV load
 * its piles' reports said and the households' load it kept to, at the instant it ran. Until 2026-12-06 the card showed
 * the meter's newest reading and the drivers' newest reports beside the last cycle's households, read at different
 * instants: a household load that fell since (or a car that started) showed households above the whole transformer
 * (OverviewOneInstantTest). The overload alarms still judge the newest reading: a safety signal waits for no cycle.
 *
 * <p>A reading the cycle did not take the households from is not shown either: below what the piles alone drew in it
 * ({@link CycleResult#belowPiles}), or flowing back to the grid before its hold ({@link CycleResult#householdsFrom}; held,
 * the cycle is conservative). The cycle kept an earlier reading's households then, which beside it could read above it;
 * until late on 2026-12-06 the card showed both (CardLoadsTest).
 *
 * @param transformerKw the reading's total, null when the cycle did not take it as the present load (conservative mode,
 *                      or households kept from an earlier reading)
 * @param evKw          what the piles the cycle heard said they drew, as reported (the cycle takes some less off the
 *                      reading: a step it may not hold, a car drawing more than it may) (a pile it found offline, or not heard from yet,
 *                      left out, as the cycle counts its draw as the households')
 * @param evUnmeasuredKw the part of {@code evKw} no pile measured
 * @param baseKw        the households' load the cycle kept to, null when not known
 * @param baseBound     whether {@code baseKw} is an upper bound, null with it
 * @param at            when the cycle ran (epoch ms)
 */
record CardLoads(Double transformerKw, double evKw, double evUnmeasuredKw, Double baseKw, Boolean baseBound, long at) {

    static CardLoads of(CycleSeen seen) {
        CycleResult result = seen.result();
        Double baseKw = Double.isFinite(result.baseKw()) ? result.baseKw() : null;
        Double transformerKw = result.householdsFrom(seen.transformer()) ? seen.transformer().totalKw() : null;
        double evKw = 0;
        double evUnmeasuredKw = 0;
        List<PileReason> reasons = result.reasons();
        for (PileObservation p : seen.piles()) {
            int i = p.pileIndex();
            boolean offline = !p.reported() || reasons.size() > i && reasons.get(i) == PileReason.PILE_OFFLINE;
            if (offline) {
                continue;
            }
            double kw = Double.isFinite(p.powerKw()) ? Math.max(0, p.powerKw()) : 0;
            evKw += kw;
            evUnmeasuredKw += p.drawKnown() ? 0 : kw;
        }
        Boolean baseBound = baseKw == null ? null : result.householdFigure() == HouseholdFigure.BOUND;
        return new CardLoads(transformerKw, evKw, evUnmeasuredKw, baseKw, baseBound, seen.at().toEpochMilli());
    }
}
