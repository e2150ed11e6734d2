package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.EvLoad;
import org.orderly.gateway.app.live.Households;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.app.live.PileCounts;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.FollowHold;
import org.orderly.gateway.core.limit.Limiter;
import org.orderly.gateway.core.limit.Request;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * Turns the last cycle into a telemetry body. The limit in force is the transformer's or a lower active cap of those
 * the cycle kept to: the grid company's, and the grid's load-control contact's while it is active (until 2026-12-03
 * only the grid company's, so a contact allowing no EV load left {@code flex.addKw} saying room the cycle gave no
 * pile). Flexibility: the kW that could be shed is what the piles that follow their offers draw (the Limiter may pause
 * any session); a pile drawing more than it may ({@link CycleResult#mayDrawA}, beyond
 * {@link FollowHold#FOLLOWED_WITHIN_A}) does not follow, and a lower offer need not take anything off it: none of its
 * draw is. The kW that could be added is what the Limiter would allow every plugged pile at the most the cycle would
 * offer it now (its maximum, the installer's limit, nothing for a car in its settle time or found full:
 * {@link CycleResult#mostNowA}) within the live room of every node (each line's from the household load the cycle found
 * on it where the meter reads the lines), less what the cycle counts them drawing now: each pile's draw up to what it
 * may draw, its draw above that being in the households' load the room was taken from already. A pile that does not
 * say its car's draw is given that room as the cycle gives it, what is above its offer in force counted twice
 * ({@link CycleResult#silent}; until 2026-12-06 once, so the room said for it was up to twice what the cycle would
 * give: a car not started for want of twice its least current had the line's room said as room to add). Without a fresh
 * transformer reading (conservative mode, or the clock not set with a stale one) the transformer, household, headroom
 * and add figures are unknown ({@code null}); with the clock not set and a fresh reading the cycle takes it, and they are
 * said as the page's card says them ({@link CycleSeen#taken}, {@link CycleSeen#households}). An offline pile (the
 * cycle's {@link PileReason#PILE_OFFLINE}) says nothing of what it draws now: it
 * is counted as offline, not as plugged in or charging, its last report is not in the EV load (the cycle counts its
 * draw as the households', so household and EV load still make the transformer's total), and what the cycle holds for
 * it is not room to add. A pile that does not measure its car's draw ({@link PileObservation#drawKnown} false) is in
 * the EV load as it says it, as the cycle takes it off the households' load, and said apart: how much of the EV load is
 * no measurement, and how many such piles have a car plugged in (one without a power register says 0 for a car that may
 * draw its whole offer). And whether the households' load is an upper bound, not a measurement
 * ({@code baseBound}, the cycle's {@link CycleResult#householdFigure}): a sample of one cycle says that cycle's. The
 * kW that could be shed are no more than the following piles drew in the reading said beside them ({@link #shedBelow}):
 * the reading may be older than the piles' reports. The least total the gateway could bring the compound to
 * ({@code flex.leastKw}, a cap reply's {@code leastKw}) is of now, not of the reading: the households as the cycle took
 * them off its reading ({@code baseKw}), a pile that follows its offer taken to nothing (a 0 A offer pauses it), and one
 * that does not at its whole draw now, less what the households hold of its draw in the reading (what the cycle did not
 * take off for it, {@link CycleResult#inTheHouseholdsKw}), so that its draw is counted once whether it began, rose, fell
 * or ended after the reading; never more taken off than {@code baseKw}. What the households hold of a following car
 * stays in them as far as it draws above its offer now (the ampere it may draw so): the least total errs high by it,
 * never low; beyond that it is taken off too, since a 0 A offer leaves nothing of it (a car not following in the reading
 * that stopped after a report of its draw that came after the reading). Said whenever the cycle knew the households,
 * also those of its last plausible reading that it keeps while its own reading is not taken, with what it took off that
 * reading for each pile ({@link CycleResult#inTheReadingKw}).
 */
public final class TelemetryCalculator {
    /**
     * The step the room to add is reckoned in, in A: fine enough to be the piles' whole share. At the cycle's 0.1 A
     * each pile's equal share is rounded down, while the cycle, asking in two passes, may land on tenths that fill the
     * room (6.7, 6.7 and 6.6 A of 20 A, where the shares round to 6.6 A each): the room said must bound what it may
     * offer.
     */
    private static final double SHARE_RESOLUTION_A = 1e-6;

    private final Compound compound;
    private final Limiter limiter;

    public TelemetryCalculator(Compound compound) {
        this.compound = compound;
        this.limiter = new Limiter(compound, Double.POSITIVE_INFINITY, SHARE_RESOLUTION_A);
    }

    /** The telemetry of {@code seen}, whenever it is sampled: every figure is that cycle's, its limit too. */
    public TelemetryBody of(CycleSeen seen) {
        // The EV load as the page's card says it, by the one rule (CycleSeen#evLoad): a pile not heard from yet left out,
        // a draw that is no number counted as none (until 2026-12-07 it made evKw and flex.addKw no number).
        EvLoad ev = seen.evLoad();
        // Plugged in, charging, offline and unmeasured as the page's card counts them, by one account (PileCounts).
        PileCounts counts = PileCounts.of(seen);
        double shed = 0;
        double counted = 0;
        // The least total now (flex.leastKw): what the piles that do not follow draw now, less what the cycle's
        // households hold of their draw in the reading (CycleResult#inTheHouseholdsKw), so that each is counted once.
        double notShedKw = 0;
        double heldKw = 0;
        List<Request> atMax = new ArrayList<>();
        for (PileObservation p : seen.piles()) {
            if (!seen.heard(p)) {
                // Offline, or not heard from since the start: it says nothing of now, counted as drawing nothing.
                notShedKw += onItsOwnKw(seen, p);
                continue;
            }
            double kw = seen.drawKw(p);
            double mayKw = compound.kw(p.pileIndex(),
                    seen.result().mayDrawA(p.pileIndex()));
            counted += Math.min(kw, mayKw);
            boolean follows = kw <= mayKw + compound.kw(p.pileIndex(), FollowHold.FOLLOWED_WITHIN_A);
            double inTheHouseholdsKw = seen.result().inTheHouseholdsKw(p.pileIndex(), kw, mayKw);
            if (follows) {
                shed += kw;
                // A 0 A offer takes its draw now off; what the households hold of its draw in the reading beyond what it
                // draws above its offer now is gone too: a car not following that stopped after a report that came after
                // the reading (until 2026-12-07 counted as the reading held it until a reading held its stop).
                heldKw += Math.max(0, inTheHouseholdsKw - Math.max(0, kw - mayKw));
            } else {
                notShedKw += kw;
                heldKw += inTheHouseholdsKw;
            }
            if (p.plugged()) {
                // At most what the cycle would offer it now: not a car it will not start within its settle time.
                double most = Math.min(compound.pile(p.pileIndex()).maxCurrentA(),
                        seen.result().mostNowA().getOrDefault(p.pileIndex(), Double.POSITIVE_INFINITY));
                if (most > 0) {
                    atMax.add(new Request(p.pileIndex(), most, 0, 0));
                }
            }
        }
        // While the clock is not set the cycle keeps to every cap, and so does what is reported of it: once the clock
        // is set, this message goes out with its time corrected, and must say the limit the gateway kept to then.
        // Otherwise the limit at the cycle's time, not the sample's: a cap that starts or ends in between is kept to
        // from the next cycle, and this message's load, room and headroom are this cycle's.
        double limit = seen.result().limitKw(compound, seen.at());
        // The households and the reading as the page's card has them, by one rule (CycleSeen#households, #taken): known
        // where the cycle knew them, the clock set or not (until 2026-12-07 null whenever the clock was not set, where the
        // cycle took a fresh reading and the card showed it). A reading flowing back, in the seconds before the cycle
        // distrusts it as stale, or one below what the piles alone draw, is not taken: the cycle took the households as
        // the last plausible reading had them, not this one at its word, and so do the room to add and baseKw. Its
        // total, and the headroom and currents from it, are no load of the compound's (a headroom above the limit).
        Optional<Households> households = seen.households();
        boolean known = households.isPresent();
        Optional<TransformerReading> taken = seen.taken();
        boolean measured = known && taken.isPresent();
        Double transformerKw = measured ? taken.get().totalKw() : null;
        Double baseKw = known ? households.get().kw() : null;
        // As the cycle decided it, once (ControlCycle): not judged again from the piles here.
        Boolean baseBound = known ? households.get().bound() : null;
        TelemetryBody.PhaseCurrents phases = measured ? currents(taken.get().phaseA()) : null;
        Double headroom = measured ? limit - transformerKw : null;
        Double add = null;
        if (known) {
            double[] room = compound.room(seen.result().household(), limit);
            // A pile that does not say its draw is shared the room as the cycle shared it: its raise above its offer in
            // force taken twice (CycleResult.silent), once as its offer and once as the households' at the next reading.
            Allocation most = limiter.limit(seen.result().reserved().from(compound, room), atMax, seen.result().silent());
            double possible = 0;
            for (int i = 0; i < most.amps().length; i++) {
                possible += compound.kw(i, most.amps()[i]);
            }
            add = Math.max(0, possible - counted);
        }
        // Of the reading's moment where there is one: no more below it than the piles drew in it (shedBelow).
        double shedKw = measured ? shedBelow(transformerKw, baseKw, shed, counted) : shed;
        // Of now, where the shed is of the reading's moment: the households as their reading gave them (which cannot hold
        // more of the piles than they are), and what the piles draw now that no offer sheds. Whenever the cycle knew the
        // households, also where it kept the last plausible reading's (this one below the piles or flowing back before
        // its hold): no older than a fresh reading may be, and what the cycle decided by (until 2026-12-07 null then).
        Double leastKw = known ? baseKw - Math.min(baseKw, heldKw) + notShedKw : null;
        return new TelemetryBody(transformerKw, baseKw, baseBound, ev.kw(), ev.unmeasuredKw(), limit, headroom, phases,
                new TelemetryBody.Flex(shedKw, add, leastKw), wireMode(seen.result().mode()),
                new TelemetryBody.PileCounts(compound.pileCount(), counts.plugged(), counts.charging(),
                        counts.offline(), counts.unmeasured()));
    }

    /**
     * What a pile not heard from ({@code p}: offline, or not yet since the start) may draw now that no offer cuts, for
     * the least total now: no offer reaches it, and on its own it may offer its car what the cycle holds for it (its
     * fallback, or a lease it may still be on, {@link CycleResult#reserved}). Whether the reading holds its car's draw
     * is not known (its last report, if any, is older than the offline time): its draw there is left in the households,
     * so the least total errs high by it, never low. Until 2026-12-07 (flex60) nothing: a car that began to draw on its
     * fallback after the reading was left out, a cap said meetable that the gateway could not meet.
     */
    private double onItsOwnKw(CycleSeen seen, PileObservation p) {
        Double heldA = seen.result().reserved().amps().get(p.pileIndex());
        if (heldA == null) {
            return 0;
        }
        double kw = compound.kw(p.pileIndex(), heldA);
        // Less what the households hold of its draw in the reading where the cycle took some of it off (it went offline
        // since); nothing where the cycle held its room then and took nothing off.
        return Math.max(0, kw - seen.result().inTheHouseholdsKw(p.pileIndex(), kw, kw));
    }

    /**
     * What could be shed below the reading {@code transformerKw}: what the following piles draw now ({@code shedNowKw}),
     * but no more than they drew in that reading, so that {@code transformerKw - flex.shedKw} is never below the
     * households plus what the piles that do not follow draw. The reading may be up to a stale one's age old and the
     * piles' reports newer: just after the cars drew again, a reading from before holds the households alone, and the
     * shed now taken off it was a total below them, below 0 even (a cap {@code cmd/cap} rejects; once {@code limitKw
     * -7.4} in GridCapHonestyLiveTest). The cycle took the households off that reading ({@code baseKw}) with each pile's
     * draw as the reading held it: {@code transformerKw - baseKw} is the EV load in it, against what the cycle counts
     * the piles drawing now ({@code countedKw}, each up to what it may draw), and where it is less, the shed is less by
     * that much: a cap at {@code transformerKw - flex.shedKw} is then {@code baseKw} plus the non-following piles' load
     * (less the whole ampere a following car may draw above its offer), the cap the cycle meets by giving the following
     * piles nothing. Where the piles drew less since the reading the shed now is kept: no more than they draw.
     */
    private static double shedBelow(double transformerKw, double baseKw, double shedNowKw, double countedKw) {
        double notInTheReading = Math.max(0, countedKw - (transformerKw - baseKw));
        return Math.max(0, shedNowKw - notInTheReading);
    }

    /**
     * The lines' currents of the reading the cycle took the total from (so that one message carries one reading), or
     * null when its map reads not all three.
     */
    private static TelemetryBody.PhaseCurrents currents(Map<String, Double> phaseA) {
        Double a = phaseA.get("current.a.a");
        Double b = phaseA.get("current.b.a");
        Double c = phaseA.get("current.c.a");
        return a == null || b == null || c == null ? null : new TelemetryBody.PhaseCurrents(a, b, c);
    }

    /**
     * The schema's modes are {@code normal} and {@code conservative}: a gateway whose clock is not set is not normal
     * (its plan and its stamps are off), and says why in its {@code control.mode} event (docs/upstream.md).
     */
    private static String wireMode(ControlMode mode) {
        return switch (mode) {
            case NORMAL -> "normal";
            case CONSERVATIVE, CLOCK_NOT_SET -> "conservative";
        };
    }
}
