package org.orderly.gateway.web.view;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.EvLoad;
import org.orderly.gateway.app.live.Households;
import org.orderly.gateway.app.live.ReadingNotTaken;
import org.orderly.gateway.app.live.TransformerReading;

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
 * @param notTaken      why {@code transformerKw} is null where the meter answered ({@link ReadingNotTaken#why}: flowing
 *                      back, no number, beyond the transformer, below the piles' draw, lacking a line); null where it is
 *                      shown, or where the meter's status says why (stale, none). Until 2026-12-07 null for a total that
 *                      is no number and for one flowing back before its hold in conservative mode (CardLoadsTest)
 */
record CardLoads(Double transformerKw, double evKw, double evUnmeasuredKw, Double baseKw, Boolean baseBound, long at,
                 ReadingNotTaken notTaken) {

    /** Before the first cycle: no reading taken as the present load, no households, no EV load the cycle heard. */
    static CardLoads none(Instant now) {
        return new CardLoads(null, 0, 0, null, null, now.toEpochMilli(), null);
    }

    /**
     * @param answeredWithin how old the reading may be and be one the meter answered now: the cycle's stale age
     *                       ({@code CycleResult#staleAfter}); an older reading not taken is stale, no cause said.
     *                       Why is judged here once a build ({@link ReadingNotTaken#why}), the overview's alarm and
     *                       meter status taking it from {@link #notTaken}: read57g had the card judge it apart, with its
     *                       own age check and its own order of causes, and until 2026-12-07 a test-only form judged it
     *                       whatever its age, which the overview never does (CardLoadsTest)
     */
    static CardLoads of(CycleSeen seen, Duration answeredWithin) {
        ReadingNotTaken notTaken = ReadingNotTaken.why(seen, answeredWithin).orElse(null);
        // The reading, the households and the EV load as the telemetry says them, by one rule each (CycleSeen).
        Optional<TransformerReading> taken = seen.taken();
        Optional<Households> households = seen.households();
        EvLoad ev = seen.evLoad();
        return new CardLoads(taken.map(TransformerReading::totalKw).orElse(null), ev.kw(), ev.unmeasuredKw(),
                households.map(Households::kw).orElse(null), households.map(Households::bound).orElse(null),
                seen.at().toEpochMilli(), notTaken);
    }
}
