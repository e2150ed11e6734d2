package org.orderly.gateway.web.view;

import org.orderly.gateway.app.live.BackflowWatch;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.EvLoad;
import org.orderly.gateway.core.policy.HouseholdFigure;

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
 *                      left out, as the cycle counts its draw as the households'): {@link CycleSeen#evLoad}, as telemetry's
 * @param evUnmeasuredKw the part of {@code evKw} no pile measured
 * @param baseKw        the households' load the cycle kept to, null when not known
 * @param baseBound     whether {@code baseKw} is an upper bound, null with it
 * @param at            when the cycle ran (epoch ms)
 * @param notTaken      why {@code transformerKw} is null where the meter answered and its status does not say it (a
 *                      reading below the piles' draw, flowing back, beyond the transformer); null where it is shown, or
 *                      where the meter's status says why (stale, none)
 */
record CardLoads(Double transformerKw, double evKw, double evUnmeasuredKw, Double baseKw, Boolean baseBound, long at,
                 ReadingNotTaken notTaken) {

    static CardLoads of(CycleSeen seen) {
        CycleResult result = seen.result();
        Double baseKw = Double.isFinite(result.baseKw()) ? result.baseKw() : null;
        boolean taken = result.householdsFrom(seen.transformer());
        Double transformerKw = taken ? seen.transformer().totalKw() : null;
        // The EV load as the telemetry says it, by the one rule (CycleSeen#evLoad).
        EvLoad ev = seen.evLoad();
        Boolean baseBound = baseKw == null ? null : result.householdFigure() == HouseholdFigure.BOUND;
        return new CardLoads(transformerKw, ev.kw(), ev.unmeasuredKw(), baseKw, baseBound, seen.at().toEpochMilli(),
                taken ? null : notTaken(seen));
    }

    /** Why the cycle did not take its reading, where the meter answered; null where the meter's status says it. */
    private static ReadingNotTaken notTaken(CycleSeen seen) {
        CycleResult result = seen.result();
        if (result.impossible() != null) {
            return ReadingNotTaken.IMPOSSIBLE;
        }
        if (result.belowPiles() != null) {
            return ReadingNotTaken.BELOW_PILES;
        }
        // Past its hold the cycle says the backflow; before it, it kept the households of an earlier reading (a stale
        // reading's households are none, and the meter's status says it stale whatever it reads).
        boolean flowsBack = result.backflow() != null || Double.isFinite(result.baseKw()) && seen.transformer() != null
                && BackflowWatch.below(seen.transformer()).isPresent();
        return flowsBack ? ReadingNotTaken.FLOWS_BACK : null;
    }
}
