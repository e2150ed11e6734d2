package org.orderly.gateway.app.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalDouble;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.FollowHold;
import org.orderly.gateway.core.limit.Limiter;
import org.orderly.gateway.core.limit.SilentOffers;
import org.orderly.gateway.core.limit.Reservation;
import org.orderly.gateway.core.limit.Request;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.HouseholdLoad;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.core.model.SafeEvPower;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.policy.PlanAsks;
import org.orderly.gateway.core.policy.PlannedNow;
import org.orderly.gateway.core.policy.Snapshot;
import org.orderly.gateway.core.policy.SnapshotWithoutReading;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.pile.Fallback;

/**
 * One control cycle of the live gateway. With a fresh transformer reading, the household load is
 * its total less what the piles draw, and the policy decides. Where the meter reads each line (its power, or its
 * current), each line's household load is that line's reading less what the piles on it draw, so a line the
 * households load more than the others keeps only the room it has; a meter that reads no line leaves the households'
 * load split evenly over the three (the gateway's start says so), and a reading that lacks a line its map reads is
 * distrusted as a stale one is: that line's headroom is not known. With a stale or missing reading the
 * gateway does not know its headroom: it shares a configured safe EV power equally (within every
 * circuit and line limit; under a grid cap, less what the cap lowers the transformer's limit by: {@link SafeEvPower})
 * and never runs at full power; where the plan in force plans for a car now, that car gets no
 * more than the plan asks, and one the plan holds (for a cheaper period, its turn) stays held
 * ({@link ChargingPolicy#plannedNow}, which plans on without the reading through a long spell of such cycles). A
 * reading is stale by its age, not by its stamp against this cycle's clock: NTP may step the clock between the two, and
 * a step back would keep the
 * last reading before it fresh for as long as the step. A reading whose total or a phase's power has flowed back to the
 * grid for {@link BackflowWatch#HOLD} (a CT the wrong way round makes the households look light) is distrusted as a
 * stale one is, and the result names it; before that it is not taken at its word either: the households are as the last
 * plausible reading had them while that is no older than a stale one may be, and then the cycle is conservative. So is
 * a reading that is no number, or one beyond what the transformer can carry ({@link ImpossibleReading}). A clock
 * earlier than it can be (not set since a power cut: earlier than its {@link ClockFloor}) runs the cycle without the
 * policy, whose plans go by the time of day
 * ({@link ControlMode#CLOCK_NOT_SET}).
 *
 * <p>A pile not heard from for its offline time ({@code control.pileOfflineAfterMs}, {@link #DEFAULT_PILE_OFFLINE_AFTER}
 * unless configured; or not since a start that long ago) is offline
 * ({@link PileReason#PILE_OFFLINE}), in every mode: its session stays open but is not planned for nor given current, and
 * the current it may offer on its own is held for it on its phase and every node above it ({@link #fallback}), so the
 * others are not given that room; a pile not heard from yet is held it from the first cycle. Its last report is not
 * taken off the transformer's total: what it draws now, between nothing and its fallback, counts as the households'
 * (docs/architecture.md, "A pile the gateway cannot hear").
 *
 * <p>A car takes seconds to follow a lower offer: in every mode, and from one mode to another, the room a car told to
 * draw less may still draw is not given to another pile until it has followed or had its time ({@link FollowHold},
 * on the ticker, from what this cycle last allowed each pile).
 */
public final class ControlCycle {
    private final Compound compound;
    private final ChargingPolicy policy;
    private final Clock clock;
    private final Duration staleAfter;
    private final ClockFloor clockFloor;
    /** The id of the cap the load-control contact imposes while active. */
    public static final String LOAD_CONTROL_CAP = "load-control-contact";
    /** How far ahead the planner assumes an active contact holds; it is renewed every cycle while it does. */
    private static final Duration LOAD_CONTROL_HORIZON = Duration.ofMinutes(15);
    /**
     * How long a pile may go unheard before it is offline unless the configuration says otherwise
     * ({@code control.pileOfflineAfterMs}): a firmware-bridge's driver asks a bridge silent for 30 s for its status and
     * again every 10 s, so two such asks have failed.
     */
    public static final Duration DEFAULT_PILE_OFFLINE_AFTER = Duration.ofSeconds(70);
    private final double safeEvKw;
    /** The amperes each pile was allowed by the last cycle. */
    private final double[] lastAmps;
    /**
     * Per pile, whether a cycle's offer has been sent to it since the gateway started (a pile is sent one once heard,
     * SetpointSender): before that, what it may draw is its own (a lease of the last run, its own safe current), not 0.
     */
    private final boolean[] offeredYet;
    /** The offer in force per pile as the cycle began ({@link #inForceA}), filled each cycle, read within it only. */
    private final double[] inForceA;
    /**
     * Per pile, whether this cycle leaves it unoffered for a reading after its first report
     * ({@link #heardAfterTheReading}), and whether a cycle ever has: once, so a meter that is always read before the
     * pile reports does not keep it from the gateway's control.
     */
    private final boolean[] waitsForReading;
    private final boolean[] waitedForReading;
    private final SessionTracker sessions;
    private final Limiter conservative;
    private final double[] ceilingA;
    private final Ticker ticker;
    /** Holds the room a decreased car may still draw, whatever mode decided the decrease. */
    private final FollowHold hold;
    private final BackflowWatch backflow = new BackflowWatch();
    /** Per pile, the current it offers on its own once its lease lapses, and how long a limit it took may hold. */
    private final Fallback[] fallbacks;
    /**
     * Per pile, the most it was given since its latest report came: a lease it may still hold. Since the report's time,
     * not its draw's: a pile meter's reading says nothing of which offer the pile took.
     */
    private final double[] givenSinceHeard;
    /** Per pile, when its latest report was read (null before the first). */
    private final Instant[] heardAt;
    /** The first cycle, on the ticker: how long a pile has gone unheard since the gateway started. */
    private Tick firstRun;
    /** How long a pile may go unheard before it is offline: real time, as the drivers re-read a silent pile. */
    private final Duration offlineAfter;
    /** Each line's household load as the last reading that had every line gave it, and when that reading was taken. */
    private HouseholdLoad lastByLine;
    private Tick lastByLineRead;
    /** The household load as the last reading it was taken from gave it, whether measured or a bound, and when. */
    private HouseholdLoad lastPlausible;
    private HouseholdFigure lastPlausibleFigure;
    private Tick lastPlausibleRead;
    /** What those households hold of each pile's draw, for the least total now ({@link ReadingShares}). */
    private ReadingShares lastPlausibleShares;
    /**
     * Each pile's reports by when they came, to match a meter reading with the draws it can hold; and the least a cycle
     * gave each pile since its latest draw was measured ({@link ReportedDraws#leastOfferSinceDrawKw}): a cut since may
     * have stopped its car, so a reading taken after it need not hold that draw. Since the draw's time
     * ({@link PileObservation#drawAt()}), not the report's: where a pile meter measures the draw, a report newer than the
     * meter's reading still tells of the draw before a cut made between the two.
     */
    private final ReportedDraws reportedDraws;
    /** The households as last known, for a reading that may or may not hold a pile's latest step. */
    private final HouseholdsBetween householdsBetween;
    /** The raises a car may have followed before its pile said so. */
    private final UnseenRises unseenRises;
    /** The sessions ended since the policy was last asked. */
    private final Departures departures;

    /**
     * @param sessionNumbers what makes each new session's id unique (the store's, live)
     * @param clockFloor     the earliest the clock can plausibly say: before it, the cycle runs in
     *                       {@link ControlMode#CLOCK_NOT_SET}
     * @param ticker         the gateway's monotonic time, on which a reading flowing back is held before it is
     *                       distrusted ({@link BackflowWatch#HOLD})
     * @param offlineAfter   how long a pile may go unheard before it is offline ({@code control.pileOfflineAfterMs}),
     *                       on the ticker: real time
     * @param world          the world the piles count their cars' energy in (a sped-up demo's, as its drivers' bounds
     *                       are told): its session tracker judges a count begun again at its speed ({@link SessionTracker})
     * @param countSteps     per pile, the step its session energy count moves by (a Modbus register's scale), which its
     *                       session tracker tells a register read 0 once by ({@link CountBegunAgain#misreadZero})
     */
    public ControlCycle(Compound compound, ChargingPolicy policy, Clock clock, Duration staleAfter, double safeEvKw,
                        SessionNumbers sessionNumbers, ClockFloor clockFloor, Ticker ticker, Duration offlineAfter,
                        TimeScale world, CountSteps countSteps) {
        if (!(safeEvKw >= 0)) {
            throw new IllegalArgumentException("safe EV power must be >= 0 kW, got " + safeEvKw);
        }
        this.compound = compound;
        this.policy = policy;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.clockFloor = clockFloor;
        this.ticker = ticker;
        if (offlineAfter.isNegative() || offlineAfter.isZero()) {
            throw new IllegalArgumentException("a pile's offline time must be more than 0, got " + offlineAfter);
        }
        this.offlineAfter = offlineAfter;
        this.safeEvKw = safeEvKw;
        this.lastAmps = new double[compound.pileCount()];
        this.offeredYet = new boolean[compound.pileCount()];
        this.inForceA = new double[compound.pileCount()];
        this.waitsForReading = new boolean[compound.pileCount()];
        this.waitedForReading = new boolean[compound.pileCount()];
        this.sessions = new SessionTracker(compound, sessionNumbers, ticker, world, countSteps);
        this.conservative = new Limiter(compound, Double.POSITIVE_INFINITY, 0.1);
        this.ceilingA = new double[compound.pileCount()];
        Arrays.fill(ceilingA, Double.POSITIVE_INFINITY);
        this.fallbacks = new Fallback[compound.pileCount()];
        Arrays.fill(fallbacks, Fallback.UNKNOWN);
        this.givenSinceHeard = new double[compound.pileCount()];
        this.reportedDraws = new ReportedDraws(compound.pileCount(), policy.follow());
        this.householdsBetween = new HouseholdsBetween(staleAfter);
        this.heardAt = new Instant[compound.pileCount()];
        this.hold = new FollowHold(compound, policy.follow());
        this.unseenRises = new UnseenRises(compound.pileCount(), policy.follow());
        this.departures = new Departures(sessions, compound.pileCount());
    }

    /**
     * The plan in force as this cycle ends, which its reasons were decided with (the live policy's; none for a
     * baseline policy, which makes none). Read here, on the control thread, the only one that replaces it: a reader of
     * the cycle's result gets the very plan its reasons speak of.
     */
    private Plan planInForce() {
        return policy.planInForce().orElse(null);
    }

    /** The installer's limit for a pile (0 pauses it, infinity lifts it), kept in conservative mode too. */
    public void limitPile(int pileIndex, double maxA) {
        policy.limitPile(pileIndex, maxA);
        ceilingA[pileIndex] = maxA;
    }

    /**
     * Records {@code declared} for the session on pile {@code pileIndex} ({@link SessionTracker#declare}) and has the
     * policy plan again with it at its next cycle, unchanged or not ({@link ChargingPolicy#declared}); the id of the
     * session it was recorded for, empty when no car is plugged in.
     */
    public Optional<String> declare(int pileIndex, Declaration declared) {
        if (!sessions.declare(pileIndex, declared)) {
            return Optional.empty();
        }
        policy.declared(pileIndex);
        return sessions.openOn(pileIndex);
    }

    /** The policy's plans counted as asked for ({@link PlanAsks}): what a plan in force was made knowing. */
    public PlanAsks planAsks() {
        return policy.planAsks();
    }

    /** What the pile offers on its own while the gateway cannot reach it ({@link Fallback#UNKNOWN} until told). */
    public void fallback(int pileIndex, Fallback fallback) {
        fallbacks[pileIndex] = Objects.requireNonNull(fallback, "fallback");
    }

    /** The earliest the clock can plausibly say. */
    public ClockFloor clockFloor() {
        return clockFloor;
    }

    public SessionTracker sessions() {
        return sessions;
    }

    /** How old a transformer reading may be and still be one the meter answered now: older, it is stale. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * @param transformer the latest transformer reading, or null when there has been none
     * @param piles       each pile's latest observation
     * @param caps        the grid caps received so far
     */
    public CycleResult run(TransformerReading transformer, List<PileObservation> piles, List<GridCap> caps) {
        return run(transformer, piles, caps, OptionalDouble.empty());
    }

    /**
     * As {@link #run(TransformerReading, List, List)}, with the EV power the grid's load-control contact allows now
     * (empty when it is released). The contact's limit becomes a cap on the total load at this cycle's household
     * load plus that power, so the Limiter sheds to it in this very cycle through the same nodes as any grid cap.
     */
    public CycleResult run(TransformerReading transformer, List<PileObservation> piles, List<GridCap> caps,
                           OptionalDouble evCapKw) {
        return run(clock.instant(), transformer, piles, caps, evCapKw);
    }

    /**
     * As {@link #run(TransformerReading, List, List, OptionalDouble)}, at {@code now}: the one instant the whole cycle
     * goes by (its caps, the policy's decision, its result's time), the control loop's read of the clock, at which the
     * loop also records the cycle and hands it to the telemetry. A second read could fall on the other side of a cap's
     * boundary, and the cycle would keep to one limit while its telemetry said the other.
     */
    public CycleResult run(Instant now, TransformerReading transformer, List<PileObservation> piles,
                           List<GridCap> caps, OptionalDouble evCapKw) {
        Tick tick = ticker.now();
        if (firstRun == null) {
            firstRun = tick;
        }
        if (!clockFloor.plausible(now)) {
            // Its next set is another step: the last one must not move what the piles report meanwhile.
            sessions.clockNotSet();
        }
        Set<Integer> offline = offline(piles, tick);
        // The tracker decides each session's end, a car reported gone by a pile offline until then not seen (mend60c).
        List<PluggedSession> open = sessions.update(piles, offline);
        List<CarriedSession> departedUnseen = sessions.takeDepartedUnseen();
        List<SessionEnd> ended = sessions.takeEnded();
        Reservation reserved = heardAfterTheReading(reserve(piles, tick), transformer, piles);
        List<PluggedSession> plugged = new ArrayList<>();
        List<PluggedSession> unheard = new ArrayList<>();
        // Kept, not gone, but offered nothing: the sessions on piles not heard, and those on piles in E or F (the
        // session goes on through a short spell: SessionTracker.KEPT_THROUGH_FAULT), which must not be given current
        // nor have it held for them; to the policy alike (planned for again as before once their piles say B or C).
        List<PluggedSession> notOffered = new ArrayList<>();
        Set<Integer> faulted = faulted(piles);
        for (PluggedSession s : open) {
            boolean notHeard = reserved.amps().containsKey(s.pileIndex());
            (notHeard ? unheard : faulted.contains(s.pileIndex()) ? notOffered : plugged).add(s);
        }
        departures.see(open, clockFloor.plausible(now));
        notOffered.addAll(unheard);
        double[] drawA = drawA(piles);
        double[] inForceA = inForceA(drawA);
        // Made once: the Limiter shares the room with it, and the result carries it to the telemetry's room to add.
        SilentOffers silent = SilentOffers.of(inForceA, drawA);
        hold.see(cars(plugged), inForceA, drawA, tick);
        double[] mayDrawA = mayDrawA();
        unseenRises.see(inForceA, drawA, tick);
        for (PileObservation p : piles) {
            reportedDraws.see(p, tick);
        }
        // A reading beyond what the transformer can carry is a map or CT ratio wrong, no load: no reading at all. Judged
        // whatever its age, as the result says it to those that record the cycle.
        ImpossibleReading impossible = transformer == null ? null
                : ImpossibleReading.in(transformer, compound.transformer()).orElse(null);
        boolean stale = transformer == null || transformer.age().compareTo(staleAfter) > 0
                || !Double.isFinite(transformer.totalKw()) || impossible != null;
        // A reading flowing back to the grid (held for its hold) is no more to be trusted than a stale one.
        Backflow back = stale ? null : backflow.see(transformer, tick).orElse(null);
        // Flowing back, not yet for its hold: not a fault yet, nor a reading of the households, who would look idle. The
        // households are as the last plausible reading had them while it is no older than a reading may be; then stale.
        boolean unproven = !stale && back == null && backflow.flowing();
        // A total below what the piles alone drew in it is no reading of the households either (they would look idle):
        // taken as one flowing back before its hold is.
        BelowPiles below = stale || back != null || unproven ? null
                : BelowPiles.of(transformer.totalKw(), drawnInTheReading(piles, reserved, transformer, tick)).orElse(null);
        unproven |= below != null;
        stale |= unproven && !plausibleRecent(tick);
        // A line its map reads but this reading lacks: that line's household load is not known, and taking a third of
        // the total for it is the very guess the line's reading is there to replace. Without a line limit no room
        // depends on it.
        boolean lineMissing = !stale && !unproven && compound.transformer().hasPhaseLimit()
                && transformer.lines() instanceof MeterLines.Missing && !linesRecent(tick);
        boolean untrusted = stale || back != null || lineMissing;
        // Said in the result, for the page's card to say why (the cycle's behaviour is the untrusted one above).
        MeterLines.Missing linesMissing = lineMissing ? (MeterLines.Missing) transformer.lines() : null;
        if (!clockFloor.plausible(now)) {
            HouseholdLoad household = untrusted ? null
                    : unproven ? lastPlausible : household(transformer, piles, reserved, offline, tick);
            double[] held = untrusted ? null : inTheReadingKw(piles, lastPlausibleShares);
            double[] takenOff = untrusted ? null : lastPlausibleShares.takenOffKw().clone();
            return remember(piles, tick, withoutTheClock(household, plugged, caps, evCapKw, departedUnseen, ended, back, reserved, open,
                    offline, now, mayDrawA, impossible, silent, below, linesMissing, held, takenOff));
        }
        if (untrusted) {
            SafeEvPower safe = new SafeEvPower(safeEvKw, evCapKw.orElse(Double.POSITIVE_INFINITY));
            Map<Integer, PlannedNow> planned = new HashMap<>();
            for (PlannedNow p : policy.plannedNow(new SnapshotWithoutReading(now, plugged, caps, notOffered, departures.take(),
                    safe, untrustedBecause(back)))) {
                planned.put(p.pileIndex(), p);
            }
            // Read after plannedNow, which takes up a plan solved since the last cycle: the one its reasons are from.
            Plan plan = planInForce();
            List<PileReason> reasons = reasons(plugged, untrustedBecause(back), offline);
            Allocation allocation = conservatively(plugged, planned, caps, now, safe, reserved);
            policy.allowed(allocation);
            // The contact's limit among the cycle's caps as in normal mode, at the households as the safe power takes
            // them: the total the cars' room was judged under (SafeEvPower.totalLimitKw), said as the telemetry's
            // limitKw and the page's cap.
            List<GridCap> kept = evCapKw.isEmpty() ? List.copyOf(caps)
                    : contactAmong(caps, now, safe.households(compound).totalKw() + evCapKw.getAsDouble());
            return remember(piles, tick, new CycleResult(allocation,
                    ControlMode.CONSERVATIVE, Double.NaN, open, heldByPlan(reasons, planned), kept,
                    departedUnseen, ended, back, reserved, Optional.empty(), plan, plan == null ? null : now,
                    mostNowA(Map.of()), mayDrawA, installerA(), impossible, null, SilentOffers.NONE, below, linesMissing, staleAfter));
        }
        HouseholdLoad household = unproven ? lastPlausible : household(transformer, piles, reserved, offline, tick);
        double baseKw = household.totalKw();
        List<GridCap> inForce = evCapKw.isPresent() ? contactAmong(caps, now, baseKw + evCapKw.getAsDouble()) : caps;
        Allocation decided = policy.decide(new Snapshot(now, household, plugged, inForce, reserved, notOffered,
                departures.take(), lastPlausibleFigure, silent));
        double limit = ChargingPolicy.limitAt(compound, inForce, now);
        double[] room = reserved.from(compound, compound.room(household, limit));
        Allocation allocation = hold.apply(room, decided);
        policy.allowed(allocation);
        Plan plan = planInForce();
        return remember(piles, tick, new CycleResult(allocation, ControlMode.NORMAL, baseKw, open,
                withOffline(policy.reasons(), offline), List.copyOf(inForce), departedUnseen, ended, null, reserved,
                household.lines(), plan, plan == null ? null : now, mostNowA(policy.mostNowA()), mayDrawA,
                installerA(), impossible, lastPlausibleFigure, silent, below, null,
                inTheReadingKw(piles, lastPlausibleShares), lastPlausibleShares.takenOffKw().clone(), staleAfter));
    }

    /**
     * Per pile, the least the reading the households in force were taken from ({@code shares}) held of its draw, by its
     * reports either side of the meter's reading as known now ({@link ReportedDraws#leastAt}): a car that stopped after
     * a report that came after the reading drew in it, and a step first reported after the reading may be in it already;
     * with no report of its step after the reading, the car may have followed a cut before it, as the heavy bound took.
     * Nothing for a pile the cycle held its room then (offline, not heard from yet, first heard after the reading), of
     * which it took nothing off the reading: its draw there, if any, is in the households whole, and a least total that
     * counts its draw now besides errs high. Asked again each cycle that keeps to those households, as the piles' reports
     * since may tell more of that reading. Said in the result for the telemetry's least total now
     * ({@code flex.leastKw}); no decision uses it.
     */
    private double[] inTheReadingKw(List<PileObservation> piles, ReadingShares shares) {
        double[] kw = new double[compound.pileCount()];
        for (PileObservation p : piles) {
            int i = p.pileIndex();
            if (!p.reported() || shares.reserved().amps().containsKey(i)) {
                continue;
            }
            kw[i] = reportedDraws.leastAt(i, shares.meterRead(), shares.followedKw()[i]);
        }
        return kw;
    }

    /**
     * The current held for each offline pile: its fallback (its maximum when not known), or more while a limit it may
     * have taken can still hold: the most it was given since its latest report, for its lease after that report plus
     * the offline time (a renewal may have been taken after the report came; its driver re-reads
     * a silent pile well within that). A pile not heard since the gateway started may hold a lease of the gateway's last
     * run, of a current nobody knows now: its maximum, for as long. A fallback above its maximum (a bridge's own safe
     * current, said in a WARN) is held whole: it is what the pile offers on its own.
     */
    private Reservation reserve(List<PileObservation> piles, Tick now) {
        Map<Integer, Double> amps = new HashMap<>();
        for (PileObservation p : piles) {
            int i = p.pileIndex();
            double max = compound.pile(i).maxCurrentA();
            if (p.reported() && !p.readAt().equals(heardAt[i])) {
                heardAt[i] = p.readAt();
                givenSinceHeard[i] = lastAmps[i];
            }
            if (p.reported() && !tooOld(p)) {
                continue;
            }
            Duration unheard = p.reported() ? p.age() : now.since(firstRun);
            double leased = p.reported() ? givenSinceHeard[i] : max;
            double held = Double.isNaN(fallbacks[i].amps()) ? max : fallbacks[i].amps();
            if (unheard.compareTo(fallbacks[i].lease().plus(offlineAfter)) <= 0) {
                held = Math.max(held, leased);
            }
            amps.put(i, held);
        }
        return new Reservation(amps);
    }

    /**
     * The offline piles: a report older than the offline time, or none since a start that long ago.
     * A pile not heard from yet is held its fallback from the first cycle (it may be on it, or on a lease of the last
     * run), but offline, on the page and in its alarm, only then: a start is not an outage.
     */
    private Set<Integer> offline(List<PileObservation> piles, Tick now) {
        Set<Integer> out = new HashSet<>();
        for (PileObservation p : piles) {
            if (tooOld(p) || (!p.reported() && now.since(firstRun).compareTo(offlineAfter) > 0)) {
                out.add(p.pileIndex());
            }
        }
        return out;
    }

    /** The piles that say E or F. */
    private static Set<Integer> faulted(List<PileObservation> piles) {
        Set<Integer> out = new HashSet<>();
        for (PileObservation p : piles) {
            if (p.faulted()) {
                out.add(p.pileIndex());
            }
        }
        return out;
    }

    /** Whether its report is older than the offline time (a pile not heard since the start has none to be old). */
    private boolean tooOld(PileObservation p) {
        return p.reported() && p.age().compareTo(offlineAfter) > 0;
    }

    /** The policy's reasons (none when it does not explain itself), with {@link PileReason#PILE_OFFLINE} for every
     * offline pile. */
    private List<PileReason> withOffline(List<PileReason> reasons, Set<Integer> offline) {
        PileReason[] out = new PileReason[compound.pileCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = offline.contains(i) ? PileReason.PILE_OFFLINE
                    : i < reasons.size() ? reasons.get(i) : PileReason.NONE;
        }
        return List.of(out);
    }

    /**
     * A cycle while the clock is earlier than it can be: the policy is not asked, since its plans go by the time of day
     * (prices, the household load's daily shape, departures) and the clock's is wrong. With a fresh reading every
     * plugged pile asks for its maximum and the Limiter shares the live room; with a stale one, only the safe EV power,
     * less what the cap lowers the limit by, as in conservative mode. A grid cap counts whatever its window says, which
     * a wrong clock cannot judge, so the lowest one received is in force; the load-control contact counts as ever.
     *
     * @param household the household load, null when the reading is stale, flows back or lacks a line
     * @param linesMissing the line the reading lacked that made the cycle take it as none, null when none did
     * @param back      the backflow that made the reading untrusted, null if none did
     * @param now       the time the cycle runs at (as the clock says, wrong as it is)
     * @param mayDrawA  per pile, the most its car may draw now ({@link FollowHold#mayDrawA})
     * @param silent    the piles that do not say their draw, with the offers in force above which they take room twice
     *                  ({@link SilentOffers}) where the room is the reading's
     * @param inTheReadingKw per pile, what the reading held of its draw ({@link #inTheReadingKw}); null with no households
     * @param takenOffKw per pile, what the households took off the reading for its draw ({@link #takenOffKw}); null
     *                   with no households
     */
    private CycleResult withoutTheClock(HouseholdLoad household, List<PluggedSession> plugged, List<GridCap> caps, OptionalDouble evCapKw,
                                        List<CarriedSession> departedUnseen, List<SessionEnd> ended, Backflow back,
                                        Reservation reserved,
                                        List<PluggedSession> open, Set<Integer> offline, Instant now,
                                        double[] mayDrawA, ImpossibleReading impossible, SilentOffers silent,
                                        BelowPiles below, MeterLines.Missing linesMissing, double[] inTheReadingKw,
                                        double[] takenOffKw) {
        double limit = ChargingPolicy.lowestLimit(compound, caps);
        double evKw = evCapKw.orElse(Double.POSITIVE_INFINITY);
        boolean stale = household == null;
        // With a stale reading, the households as conservative mode takes them: all of the transformer's limit but the
        // safe EV power, whatever the caps, which leave the cars only what they leave beside them.
        SafeEvPower safe = new SafeEvPower(safeEvKw, evKw);
        HouseholdLoad households = stale ? safe.households(compound) : household;
        limit = stale ? safe.totalLimitKw(compound, limit) : Math.min(limit, households.totalKw() + evKw);
        // The contact's limit among the cycle's caps, as in normal mode, at the households as the cycle took them: what is
        // reported of this cycle (its telemetry's limitKw, the page's cap) is the limit it kept to, not the grid
        // company's caps alone.
        List<GridCap> kept = evCapKw.isEmpty() ? List.copyOf(caps)
                : contactAmong(caps, now, households.totalKw() + evCapKw.getAsDouble());
        double[] room = reserved.from(compound, compound.room(households, limit));
        // A stale reading's room is the safe power's, which no car's draw is in: nothing there counts twice.
        SilentOffers counted = stale ? SilentOffers.NONE : silent;
        Allocation allocation = hold.apply(room, conservative.limit(room, requests(plugged), counted));
        PileReason why = stale ? untrustedBecause(back) : PileReason.CLOCK_NOT_SET;
        Plan plan = planInForce();
        return new CycleResult(allocation, ControlMode.CLOCK_NOT_SET, stale ? Double.NaN : household.totalKw(), open,
                reasons(plugged, why, offline), kept, departedUnseen, ended, back, reserved,
                stale ? Optional.empty() : household.lines(), plan, plan == null ? null : now, mostNowA(Map.of()),
                mayDrawA, installerA(), impossible, stale ? null : lastPlausibleFigure, counted, below, linesMissing,
                inTheReadingKw, takenOffKw, staleAfter);
    }

    /** {@code caps} and the load-control contact's, at {@code limitKw} while it holds ({@link #LOAD_CONTROL_HORIZON}). */
    private static List<GridCap> contactAmong(List<GridCap> caps, Instant now, double limitKw) {
        List<GridCap> out = new ArrayList<>(caps);
        out.add(new GridCap(LOAD_CONTROL_CAP, now.minusSeconds(1), now.plus(LOAD_CONTROL_HORIZON), limitKw));
        return List.copyOf(out);
    }

    /**
     * Per pile held below its maximum whatever the room, the most this cycle would offer it: the policy's (nothing for
     * a car in its settle time or full; none without the policy), within the installer's limit, which every mode keeps.
     */
    private Map<Integer, Double> mostNowA(Map<Integer, Double> byPolicy) {
        Map<Integer, Double> out = null;  // made only when an installer's limit holds a pile: most cycles, none does
        for (int i = 0; i < ceilingA.length; i++) {
            if (ceilingA[i] < compound.pile(i).maxCurrentA()) {
                if (out == null) {
                    out = new HashMap<>(byPolicy);
                }
                out.merge(i, ceilingA[i], Math::min);
            }
        }
        return out == null ? byPolicy : out;
    }

    /** The installer's limit per pile that has one (0: paused), by pile index: most cycles, none. */
    private Map<Integer, Double> installerA() {
        Map<Integer, Double> out = Map.of();
        for (int i = 0; i < ceilingA.length; i++) {
            if (ceilingA[i] != Double.POSITIVE_INFINITY) {
                if (out.isEmpty()) {
                    out = new HashMap<>();
                }
                out.put(i, ceilingA[i]);
            }
        }
        return out;
    }

    /**
     * After the hold has seen this cycle: per pile, the most its car may draw now, as the households are taken off the
     * meter's total ({@link #evKwAtMost}); what a pile draws beyond it is not the cycle's to shed.
     */
    private double[] mayDrawA() {
        double[] out = new double[compound.pileCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = hold.mayDrawA(i);
        }
        return out;
    }

    /** Each plugged pile asks for its maximum, within the installer's limit for it. */
    private List<Request> requests(List<PluggedSession> plugged) {
        return requests(plugged, Map.of());
    }

    /**
     * Each plugged pile asks for its maximum, within the installer's limit for it, and where the plan in force plans
     * for its session now, for no more than that plan asks (nothing, for a session it holds), as urgent as the plan
     * has it: its planned draw, and any more beyond it as extra, which the Limiter serves from what the planned draws
     * leave, as the policy's own requests have it in normal mode.
     */
    private List<Request> requests(List<PluggedSession> plugged, Map<Integer, PlannedNow> planned) {
        List<Request> requests = new ArrayList<>();
        for (PluggedSession s : plugged) {
            double max = Math.min(compound.pile(s.pileIndex()).maxCurrentA(), ceilingA[s.pileIndex()]);
            PlannedNow plan = planned.get(s.pileIndex());
            if (plan == null) {
                requests.add(new Request(s.pileIndex(), max, 0, 0));
                continue;
            }
            double plannedA = Math.min(max, plan.plannedA());
            requests.add(new Request(s.pileIndex(), plannedA, plan.laxityHours(), 0,
                    Math.min(max - plannedA, plan.extraA())));
        }
        return requests;
    }

    /**
     * The reason of each pile whose session the plan in force holds now: the plan's (a cheaper period, its turn ...). A
     * session waiting for its first plan has none of its own: the cycle's stands.
     */
    private List<PileReason> heldByPlan(List<PileReason> reasons, Map<Integer, PlannedNow> planned) {
        List<PileReason> out = new ArrayList<>(reasons);
        for (PlannedNow p : planned.values()) {
            if (p.mostA() <= 0 && p.reason() != PileReason.NONE && out.get(p.pileIndex()) != PileReason.PILE_OFFLINE) {
                out.set(p.pileIndex(), p.reason());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The EV power to take off the transformer's total to get the households' load: what each pile reported, but
     * never more than the current it was last allowed. A pile's report can be older than the meter's reading; right
     * after a cut it still shows the old draw, and subtracting that would make the households look lighter and the
     * headroom larger than they are. Taking the smaller errs the other way, toward less headroom, until the report
     * catches up. A car still following a cut is the exception: its hold counts it at what it may still draw (its
     * reported draw and an ampere, up to its old offer, {@link FollowHold#mayDrawA}), so its draw is taken off up to
     * that, or it would be counted twice. An offline pile's report says nothing of what it draws now: nothing is taken
     * off for it, so its draw counts as the households' (and its fallback is held for it besides: the room errs by at
     * most that, never the
     * other way).
     */
    private double[] evKwAtMost(List<PileObservation> piles, Reservation offline, Tick meterRead, Held held) {
        double[] kw = new double[compound.pileCount()];
        for (PileObservation p : piles) {
            kw[p.pileIndex()] = evKwAtMost(p, offline, meterRead, held);
        }
        return kw;
    }

    /** Which draws a reading is taken to hold where it cannot tell: the least each car drew then, or the most. */
    private enum Held { LEAST, MOST }

    /**
     * One pile's share of {@link #evKwAtMost(List, Reservation, Tick, Held)}. A report that came after the meter was
     * read ({@code meterRead}) may tell of a car that began to draw since, which that reading does not hold yet: with
     * {@link Held#LEAST} it is taken off only as far as the pile had drawn by then, since taking its draw off would make
     * the households look lighter by it. With {@link Held#MOST} it is taken off as it came, a fall as the draw before it
     * (which the reading holds), and a car given more before the reading and not heard from since is taken off as far as
     * it may have risen ({@link UnseenRises}).
     */
    private double evKwAtMost(PileObservation p, Reservation offline, Tick meterRead, Held held) {
        int i = p.pileIndex();
        if (offline.amps().containsKey(i)) {
            return 0;
        }
        double reported = Math.max(0, p.powerKw());
        if (held == Held.LEAST) {
            if (reportedDraws.changedAfter(i, meterRead)) {
                reported = Math.min(reported, reportedDraws.kwBy(i, meterRead));
            }
            // Cut below it since (and maybe raised again since, which the offer in force would let through): the car
            // may have followed the cut before the reading. So too where it was cut and raised again before a report
            // of its old draw that came after the reading: that report says only that it rose again (ReportedDraws).
            double followedKw = Math.min(reportedDraws.leastOfferSinceDrawKw(i, meterRead),
                    reportedDraws.followedAt(i, meterRead));
            reported = Math.min(reported, followedKw);
        } else if (reportedDraws.reportedBefore(i, meterRead)) {
            double risenA = unseenRises.mayHaveReachedA(i, meterRead);
            if (!Double.isNaN(risenA)) {
                reported = Math.max(reported, compound.kw(i, risenA));
            }
        } else if (reportedDraws.changedAfter(i, meterRead)) {
            // A fall reported after the reading (a car that followed a cut since): the reading holds the draw before
            // it, which what the car may draw now (its hold, after the cut) does not bound. Taken off as the report
            // alone, the cut counted as the households', and under a cap stopped every car (GridCapHonestyLiveTest).
            return Math.max(Math.min(reported, compound.kw(i, hold.mayDrawA(i))), reportedDraws.kwBy(i, meterRead));
        }
        return Math.min(reported, compound.kw(i, hold.mayDrawA(i)));
    }

    /**
     * The households' load: the meter's total less {@link #evKwAtMost}, and where the meter reads each line, each line's
     * reading less the same EV power as it lands on that line (a single-phase pile's all on its line, a three-phase
     * pile's a third on each). What is taken off a line is never more than the piles on it can draw, so a line's
     * households never look lighter than they are. Where the reading cannot tell whether it holds a pile's latest
     * step (reported after it, or a raise not reported yet), it bounds the households between that step taken off and
     * not: they are taken as last known within those bounds ({@link HouseholdsBetween}). The heavy bound taken for want
     * of households last known, and households with a car's draw not known to be in the reading ({@link #drawNotKnown}),
     * are a bound, not a measurement, which the policy is told ({@link HouseholdFigure}): it does not learn them as the
     * households' load.
     *
     * @param reserved the piles held their room: nothing is taken off for them
     * @param offline  the offline piles among them
     */
    private HouseholdLoad household(TransformerReading transformer, List<PileObservation> piles, Reservation reserved,
                                    Set<Integer> offline, Tick now) {
        Tick meterRead = meterRead(transformer, now);
        // Each pile's draw taken off by either bound, once: the households and what they took off for each pile (the
        // least total now's, ReadingShares) are of the same figures.
        double[] lightKw = evKwAtMost(piles, reserved, meterRead, Held.MOST);
        double[] heavyKw = evKwAtMost(piles, reserved, meterRead, Held.LEAST);
        HouseholdLoad light = households(transformer, piles, lightKw);
        HouseholdLoad heavy = households(transformer, piles, heavyKw);
        HouseholdLoad household = householdsBetween.within(light, heavy, now);
        Tick read = new Tick(now.nanos() - transformer.age().toNanos());
        if (transformer.lines() instanceof MeterLines.Read) {
            lastByLine = household;
            lastByLineRead = read;
        }
        lastPlausible = household;
        // The bounds differing is not enough: settled from the households as last known, a reading with some pile's
        // step under way (with many piles, nearly every one) is as measured as any, and the forecast would learn nothing.
        lastPlausibleFigure = householdsBetween.heavyForWantOfAnEstimate() || drawNotKnown(piles, reserved, offline)
                ? HouseholdFigure.BOUND : HouseholdFigure.MEASURED;
        lastPlausibleRead = read;
        lastPlausibleShares = new ReadingShares(meterRead, reserved,
                TakenOffPerPile.of(heavyKw, lightKw, transformer.totalKw() - household.totalKw()), followedKw(meterRead));
        return household;
    }

    /**
     * Per pile, what its car drew had it followed the least offer since its latest draw was measured
     * ({@link ReportedDraws#leastOfferSinceDrawKw}), as the heavy bound takes it: kept with a reading's shares, as later
     * offers came after that reading and a later report begins the least again.
     */
    private double[] followedKw(Tick meterRead) {
        double[] kw = new double[compound.pileCount()];
        for (int i = 0; i < kw.length; i++) {
            kw[i] = reportedDraws.leastOfferSinceDrawKw(i, meterRead);
        }
        return kw;
    }

    /**
     * Whether a car may draw on a pile whose draw nothing takes off the meter's total, so that it counts as the
     * households': a pile held its room but not offline (not heard since the start yet, or its first report came after
     * the reading, {@link #heardAfterTheReading}), or one whose car is plugged in and whose pile does not say its draw,
     * while the car may draw (an offer, or a hold, above nothing; or no offer sent since the start: its own lease). An
     * offline pile's draw (its fallback at most) is learnt as the households' as before: a pile dead for days would
     * otherwise keep the forecast from learning for as long.
     */
    private boolean drawNotKnown(List<PileObservation> piles, Reservation reserved, Set<Integer> offline) {
        for (PileObservation p : piles) {
            int i = p.pileIndex();
            if (offline.contains(i)) {
                continue;
            }
            if (reserved.amps().containsKey(i)
                    || p.plugged() && !p.drawKnown() && (!offeredYet[i] || hold.mayDrawA(i) > 0)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the last reading the households were taken from is no older than a reading may be ({@code staleAfter}). */
    private boolean plausibleRecent(Tick now) {
        return lastPlausible != null && now.since(lastPlausibleRead).compareTo(staleAfter) <= 0;
    }

    /**
     * The households' load with each pile's draw taken off as {@code evKw} has it, by pile index
     * ({@link #evKwAtMost(List, Reservation, Tick, Held)}).
     */
    private HouseholdLoad households(TransformerReading transformer, List<PileObservation> piles, double[] evKw) {
        double ev = 0;
        for (PileObservation p : piles) {
            ev += evKw[p.pileIndex()];
        }
        double total = Math.max(0, transformer.totalKw() - ev);
        if (transformer.lines() instanceof MeterLines.Read read) {
            return HouseholdLoad.byLine(total, onEachLine(read.kw(), piles, evKw));
        }
        if (transformer.lines() instanceof MeterLines.Missing && compound.transformer().hasPhaseLimit()) {
            // One block of the meter lost (a DL/T 645 frame, a refused register): each line as the last whole reading
            // had it, no older than a stale total may be (linesRecent), with any rise of the total since put on every
            // line, since where it went is not known.
            double rise = Math.max(0, total - lastByLine.totalKw());
            LineLoads was = lastByLine.lines().orElseThrow();
            return HouseholdLoad.byLine(total, new LineLoads(was.kw(0) + rise, was.kw(1) + rise, was.kw(2) + rise));
        }
        // The lines not read, or not all of them where no line has a limit (with one, such a reading is distrusted).
        return HouseholdLoad.evenly(total);
    }

    /**
     * What the piles surely drew in {@code transformer}'s reading, which its total cannot be below ({@link BelowPiles}):
     * each draw a meter measured as {@link Held#LEAST} takes it. Not a draw a pile did not measure: a bridge whose own
     * meter is silent says the most its offer allows, which a car drawing less (or nothing) never reaches. A car that
     * stopped on its own (full) between its pile's report and the reading counts: that reading is below the piles, and
     * the households are taken as last known, which they are, until the pile says it (a second, or a bus's round).
     * Leaving such draws out would leave a meter stuck low beside one car unseen in every cycle whose pile's report came
     * before the reading, and the households taken as 0 in those.
     */
    private double drawnInTheReading(List<PileObservation> piles, Reservation reserved, TransformerReading transformer,
                                     Tick now) {
        Tick meterRead = meterRead(transformer, now);
        double kw = 0;
        for (PileObservation p : piles) {
            if (p.drawKnown()) {
                kw += evKwAtMost(p, reserved, meterRead, Held.LEAST);
            }
        }
        return kw;
    }

    /** When {@code transformer} was read, on the ticker: in real time as the piles' reports came, not a sped-up demo's. */
    private static Tick meterRead(TransformerReading transformer, Tick now) {
        return new Tick(now.nanos() - transformer.heardAgo().toNanos());
    }

    /** Whether the last reading that had every line is no older than a reading may be ({@code staleAfter}). */
    private boolean linesRecent(Tick now) {
        return lastByLine != null && now.since(lastByLineRead).compareTo(staleAfter) <= 0;
    }

    private LineLoads onEachLine(LineLoads meter, List<PileObservation> piles, double[] evKw) {
        double[] ev = new double[3];
        for (PileObservation p : piles) {
            double kw = evKw[p.pileIndex()];
            for (int line = 0; line < 3; line++) {
                ev[line] += kw * compound.pile(p.pileIndex()).phase().shareOnLine(line);
            }
        }
        return new LineLoads(Math.max(0, meter.kw(0) - ev[0]), Math.max(0, meter.kw(1) - ev[1]),
                Math.max(0, meter.kw(2) - ev[2]));
    }

    /**
     * Per pile, the offer in force as this cycle begins: what the last cycle allowed it, or, for a pile no offer has been
     * sent to since the start, what its car draws as reported, up to the pile's maximum (0 where the pile does not say).
     * Such a car draws on an offer of its own (a lease of the last run, the pile's own current), which the gateway did
     * not cut: taken as 0, its draw was never taken off the meter's total (no pile counts more than it was allowed), and
     * the first cycles after a restart mid-charge took it for the households'. A cut below it is a cut the hold keeps
     * the room of while the car follows, as any other.
     */
    private double[] inForceA(double[] drawA) {
        for (int i = 0; i < inForceA.length; i++) {
            inForceA[i] = offeredYet[i] ? lastAmps[i]
                    : Double.isNaN(drawA[i]) ? 0 : Math.min(drawA[i], compound.pile(i).maxCurrentA());
        }
        return inForceA;
    }

    /**
     * The reservation, with each pile heard for the first time since the start whose car draws on an offer of its own
     * and whose report came after the meter was read held as a pile not heard from yet is, for this one cycle: its room
     * (its maximum, or its fallback where that is more) is held, its session is not planned for, and it is sent no
     * offer ({@link #offeredYet}), so it stays on the lease it has. Whether that reading holds the car's draw is not
     * known, and with nothing known of the households before, the heavier bound held its draw as theirs: a 16 A car on a
     * line the households leave 20 A was left 4 A, below its least current, and sent 0 A, a pause a restart must not
     * make (ControlCycleRestartMidChargeTest). The next reading, taken after the report, settles it. The car draws no
     * more meanwhile than it did through the restart, on the same lease, which ends at its ttl, and never with an offer
     * of this run's beyond the room.
     */
    private Reservation heardAfterTheReading(Reservation reserved, TransformerReading transformer,
                                             List<PileObservation> piles) {
        Arrays.fill(waitsForReading, false);
        if (transformer == null || transformer.age().compareTo(staleAfter) > 0) {
            return reserved;
        }
        Map<Integer, Double> amps = null;
        for (PileObservation p : piles) {
            int i = p.pileIndex();
            if (offeredYet[i] || waitedForReading[i] || !p.reported() || reserved.amps().containsKey(i)
                    || !p.drawKnown() || !(p.powerKw() > 0) || p.drawAge().compareTo(transformer.heardAgo()) >= 0) {
                continue;
            }
            if (amps == null) {
                amps = new HashMap<>(reserved.amps());
            }
            double max = compound.pile(i).maxCurrentA();
            amps.put(i, Double.isNaN(fallbacks[i].amps()) ? max : Math.max(max, fallbacks[i].amps()));
            waitsForReading[i] = true;
            waitedForReading[i] = true;
        }
        return amps == null ? reserved : new Reservation(amps);
    }

    /**
     * Whether this cycle's offer is for the pile: it has been heard from since the start, and this cycle does not leave it
     * on its own offer for a reading after its first report ({@link #heardAfterTheReading}). What SetpointSender sends
     * to.
     */
    public boolean offeredYet(int pileIndex) {
        return offeredYet[pileIndex];
    }

    private CycleResult remember(List<PileObservation> piles, Tick tick, CycleResult result) {
        System.arraycopy(result.allocation().amps(), 0, lastAmps, 0, lastAmps.length);
        for (PileObservation p : piles) {
            // What SetpointSender sends this cycle's offer to.
            offeredYet[p.pileIndex()] |= p.reported() && !waitsForReading[p.pileIndex()];
        }
        for (int i = 0; i < lastAmps.length; i++) {
            givenSinceHeard[i] = Math.max(givenSinceHeard[i], lastAmps[i]);
            double offerKw = compound.kw(i, lastAmps[i]);
            reportedDraws.offered(i, tick, offerKw);
        }
        return result;
    }

    /** Why every plugged pile is held to the safe power: a reading flowing back, or else a stale one. */
    private static PileReason untrustedBecause(Backflow back) {
        return back != null ? PileReason.METER_FLOWS_BACK : PileReason.METER_STALE;
    }

    /** The same reason for every plugged pile heard from, PILE_OFFLINE for the offline ones, none for the others. */
    private List<PileReason> reasons(List<PluggedSession> plugged, PileReason why, Set<Integer> offline) {
        PileReason[] reasons = new PileReason[compound.pileCount()];
        Arrays.fill(reasons, PileReason.NONE);
        for (PluggedSession s : plugged) {
            reasons[s.pileIndex()] = why;
        }
        return withOffline(List.of(reasons), offline);
    }

    private Allocation conservatively(List<PluggedSession> plugged, Map<Integer, PlannedNow> planned,
                                      List<GridCap> caps, Instant now, SafeEvPower safe, Reservation reserved) {
        // The households as taking all the transformer's limit but the safe EV power: the transformer node then has
        // that power, less what a cap in force takes off the limit, and each line the room it would have at that
        // household load. An offline pile's fallback is EV power too: it comes out of the room.
        double[] room = reserved.from(compound, safe.room(compound, ChargingPolicy.limitAt(compound, caps, now)));
        return hold.apply(room, conservative.limit(room, requests(plugged, planned)));
    }

    /** Per pile, whether a car is plugged in on it and heard from. */
    private boolean[] cars(List<PluggedSession> plugged) {
        boolean[] out = new boolean[compound.pileCount()];
        for (PluggedSession s : plugged) {
            out[s.pileIndex()] = true;
        }
        return out;
    }

    /** Per pile, the current its car drew as last reported; NaN where the pile did not say. */
    private double[] drawA(List<PileObservation> piles) {
        double[] out = new double[compound.pileCount()];
        for (PileObservation p : piles) {
            out[p.pileIndex()] = p.drawKnown() ? Math.max(0, p.powerKw()) / compound.kwPerAmp(p.pileIndex()) : Double.NaN;
        }
        return out;
    }
}
