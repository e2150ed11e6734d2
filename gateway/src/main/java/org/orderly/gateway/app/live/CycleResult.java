package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.Reservation;
import org.orderly.gateway.core.limit.SilentOffers;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.HouseholdLoad;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * One cycle's outcome: the amperes per pile, the mode, the household load it assumed (NaN when
 * unknown), the sessions plugged in, why each pile (by index) got what it got, the grid caps
 * the cycle was given, and the sessions carried over from before a restart that this cycle found to have ended while
 * the gateway was down (each once, in the cycle its pile first reported), how each session that ended in this cycle
 * ended ({@code ended}: the session tracker's one decision, which the recorder stores), and the transformer meter's backflow that
 * made its reading untrusted (null when none did: {@link BackflowWatch}), and the current held for the piles the cycle
 * cannot hear ({@link PileReason#PILE_OFFLINE}): what each may offer on its own, kept off every limit above it, and
 * the household load on each line where the meter reads the lines (empty: a third of {@code baseKw} on each).
 *
 * <p>And the plan the cycle decided with and the time it decided at ({@code decidedAt}): the reasons are this plan's
 * at that time, and a reader that shows a reason with the plan's times (the page's "waiting for a lower price from
 * 21:45") takes both from here, not the plan in force when it reads ({@code OrderlyPolicy.plan()}), which the next
 * cycle may already have replaced. Null both when the cycle had no plan (a policy that makes none, a test's result).
 *
 * <p>And {@code mostNowA}: per pile the cycle would offer less than its maximum now however much room there were, the
 * most it would (by pile index): the installer's limit, and nothing for a car stopped less than its settle time ago or
 * found full. The room the telemetry says can be added is the room for these, not for every pile at its maximum.
 *
 * <p>And {@code mayDrawA}: per pile, the most the cycle took its car to draw when it took the households off the
 * meter's total ({@code core.limit.FollowHold#mayDrawA}: the offer in force, or while a car follows a cut, what it may
 * still draw). A pile drawing more than that, beyond the hold's whole ampere of rounding, does not follow its offer: the
 * cycle counts its excess as the households', and the telemetry offers none of its draw as sheddable. A pile not in it
 * (a test's result) is taken to follow. An array by pile index, not a map: it is made for every pile every cycle.
 *
 * <p>And {@code installerA}: the installer's limit the cycle kept to, per pile that has one (0: paused), by pile
 * index: what the page says in the pile's row, whatever the pile's reason.
 *
 * <p>And {@code impossible}: the transformer reading's first quantity beyond what the transformer can carry, which made
 * the cycle take it as none (null when the reading, if any, was within every bound): judged once, in the cycle, for
 * those that record and say it.
 *
 * <p>And {@code householdFigure}: whether {@code baseKw} is a measurement or a bound, as the cycle told its policy
 * ({@link HouseholdFigure}, decided once, in the cycle): a bound where a car's draw not known to be in the reading may be
 * counted in it (a pile held its room not yet heard, a raise not yet reported, a plugged pile that does not say its
 * draw while its car may draw). Telemetry ({@code baseBound}) and the page say it beside the households' load. Null
 * where {@code baseKw} is NaN: there is no figure.
 *
 * <p>And {@code silent}: the piles that do not say their car's draw whose raise above their offer in force the cycle's
 * Limiter counted twice ({@link SilentOffers}), made once, in the cycle, as it shared the room ({@link SilentOffers#NONE}
 * where it counted none: a stale reading's safe power, which no car's draw is in). The room the telemetry says can be
 * added is shared so too: a silent pile's raise costs it twice there as in the cycle.
 *
 * <p>And {@code belowPiles}: the transformer reading's total below what the piles alone drew in it, which made the cycle
 * take the households as last known, or the reading as none once that was too old (null when the reading, if any, was
 * not): judged once, in the cycle, for those that record and say it.
 *
 * <p>And {@code linesMissing}: the line the transformer reading lacked, though its map reads it, for longer than a reading
 * may be old, which made the cycle take it as none (null when it did not: the reading had every line, a line the
 * cycle could go on from the last whole reading for, or it was not taken for another reason, stale or distrusted): said
 * so by the page's card, which called it stale until 2026-12-07.
 *
 * <p>And {@code inTheReadingKw}: per pile by index, the least the reading the households in force ({@code baseKw}) were
 * taken from held of its draw, whole (not held to what it may draw), by its reports either side of the meter's reading
 * ({@code ReportedDraws#leastAt}): the draw before a step reported after the reading, or the step itself where it was
 * lower, since it may be in the reading already; the draw before it alone where a report of that draw came after the
 * reading (a car that stopped later drew in it); with no report of its step after the reading, no more than the least
 * offer since its latest report, which the car may have followed before the reading. Of the reading the households are
 * from, this cycle's or, where it kept the last plausible reading's households (its own below the piles, or flowing
 * back before its hold), that one's (until 2026-12-07 null then, and the telemetry's least total with it). Null where
 * the cycle knew no households, or for a test's result ({@link #drawInTheReadingKw}). The telemetry's least total now
 * ({@code flex.leastKw}) takes the households off the reading with it, so that a draw begun or ended since the reading
 * is counted as it is now, not as the reading held it.
 *
 * <p>And {@code takenOffKw}: per pile by index, what the households the cycle kept to ({@code baseKw}) took off their
 * reading for its draw ({@code TakenOffPerPile}: the most they may have, where they settled between the bounds of a
 * reading that may or may not hold a pile's step), the cycle's own figures, as it took the households. Its draw in the
 * reading less this is what {@code baseKw} holds of it, which the least total now takes off
 * ({@link #inTheHouseholdsKw}). Null where {@code inTheReadingKw} is.
 *
 * <p>And {@code staleAfter}: how old a transformer reading may be and not be stale, the age the cycle judged its
 * reading by ({@code ControlCycle#staleAfter}, in the world's time) and goes on from one for. Said here, once, for those
 * that judge or record a reading after it (the page's card, the recorder's minutes and its {@code control.mode}
 * event): until 2026-12-07 the recorder was given its own, 3 s where a test's cycle judged by 5 s.
 */
public record CycleResult(Allocation allocation, ControlMode mode, double baseKw, List<PluggedSession> plugged,
                          List<PileReason> reasons, List<GridCap> caps, List<CarriedSession> departedUnseen,
                          List<SessionEnd> ended, Backflow backflow, Reservation reserved, Optional<LineLoads> householdLines, Plan plan,
                          Instant decidedAt, Map<Integer, Double> mostNowA, double[] mayDrawA,
                          Map<Integer, Double> installerA, ImpossibleReading impossible,
                          HouseholdFigure householdFigure, SilentOffers silent, BelowPiles belowPiles,
                          MeterLines.Missing linesMissing, double[] inTheReadingKw, double[] takenOffKw,
                          Duration staleAfter) {

    /** A cycle that says nothing of what the reading held of each pile's draw (taken as its draw now). */
    public CycleResult(Allocation allocation, ControlMode mode, double baseKw, List<PluggedSession> plugged,
                       List<PileReason> reasons, List<GridCap> caps, List<CarriedSession> departedUnseen,
                       List<SessionEnd> ended, Backflow backflow, Reservation reserved, Optional<LineLoads> householdLines, Plan plan,
                       Instant decidedAt, Map<Integer, Double> mostNowA, double[] mayDrawA,
                       Map<Integer, Double> installerA, ImpossibleReading impossible,
                       HouseholdFigure householdFigure, SilentOffers silent, BelowPiles belowPiles,
                       MeterLines.Missing linesMissing, Duration staleAfter) {
        this(allocation, mode, baseKw, plugged, reasons, caps, departedUnseen, ended, backflow, reserved, householdLines, plan,
                decidedAt, mostNowA, mayDrawA, installerA, impossible, householdFigure, silent, belowPiles, linesMissing,
                null, null, staleAfter);
    }

    public CycleResult {
        Objects.requireNonNull(householdLines, "householdLines");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(silent, "silent");
        Objects.requireNonNull(staleAfter, "staleAfter");
        mostNowA = Map.copyOf(mostNowA);
        installerA = Map.copyOf(installerA);
        Objects.requireNonNull(mayDrawA, "mayDrawA");
        if ((plan == null) != (decidedAt == null)) {
            throw new IllegalArgumentException("a cycle's plan and the time it decided at go together: plan "
                    + (plan == null ? "none" : "made at " + plan.createdAt()) + ", decided at " + decidedAt);
        }
    }

    /** The household load the cycle assumed, in total and on each line; only when it knew it ({@code baseKw} finite). */
    public HouseholdLoad household() {
        return new HouseholdLoad(baseKw, householdLines);
    }

    /**
     * The total limit this cycle kept to, at {@code at}: the transformer's or the lowest of its caps active then
     * (among them the load-control contact's, as the cycle set it). While the clock is not set, the lowest of its caps
     * whatever their windows say, as the cycle kept to them: a window read on that clock says nothing.
     */
    public double limitKw(Compound compound, Instant at) {
        return mode == ControlMode.CLOCK_NOT_SET ? ChargingPolicy.lowestLimit(compound, caps)
                : ChargingPolicy.limitAt(compound, caps, at);
    }

    /**
     * Whether this cycle took its households from {@code reading}, the one it was given: false with no households (a
     * stale or distrusted reading, conservative mode), and where it kept an earlier reading's, this one below what the
     * piles alone drew ({@code belowPiles}) or flowing back to the grid before its hold ({@link BackflowWatch#below}).
     * Only then is the reading's total the compound's present load beside the households, for the telemetry and the
     * page's card alike.
     */
    public boolean householdsFrom(TransformerReading reading) {
        return reading != null && Double.isFinite(reading.totalKw()) && Double.isFinite(baseKw) && belowPiles == null
                && BackflowWatch.below(reading).isEmpty();
    }

    /** The most pile {@code pileIndex}'s car may draw ({@code mayDrawA}); infinite for a pile not in it. */
    public double mayDrawA(int pileIndex) {
        return pileIndex < mayDrawA.length ? mayDrawA[pileIndex] : Double.POSITIVE_INFINITY;
    }

    /**
     * What the reading held of pile {@code pileIndex}'s draw as the cycle took it ({@code inTheReadingKw}), or
     * {@code drawNowKw} where the cycle did not say (no households from that reading, a test's result).
     */
    public double drawInTheReadingKw(int pileIndex, double drawNowKw) {
        return inTheReadingKw == null || pileIndex >= inTheReadingKw.length ? drawNowKw : inTheReadingKw[pileIndex];
    }

    /**
     * What {@code baseKw} holds of pile {@code pileIndex}'s draw in the reading, at least: the least that reading held of
     * it ({@code inTheReadingKw}) less what the cycle took off for it ({@code takenOffKw}). Where the cycle did not say (a
     * test's result), its draw there as given ({@link #drawInTheReadingKw}), no more than {@code drawNowKw} (a fall
     * reported after the meter was read may be in it already), less {@code mayKw}, the most the cycle takes off for a
     * car's draw where the reading's bounds agree. Never below 0: the households never hold more of a pile than they do.
     */
    public double inTheHouseholdsKw(int pileIndex, double drawNowKw, double mayKw) {
        if (takenOffKw == null || inTheReadingKw == null || pileIndex >= takenOffKw.length) {
            return Math.max(0, Math.min(drawNowKw, drawInTheReadingKw(pileIndex, drawNowKw)) - mayKw);
        }
        return Math.max(0, inTheReadingKw[pileIndex] - takenOffKw[pileIndex]);
    }
}
