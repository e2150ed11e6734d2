package org.orderly.gateway.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.orderly.gateway.core.estimate.Beliefs;
import org.orderly.gateway.core.estimate.Estimator;
import org.orderly.gateway.core.forecast.BaseLoadForecast;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.Limiter;
import org.orderly.gateway.core.limit.Request;
import org.orderly.gateway.core.limit.SilentOffers;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanInput;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.PlanProblemBuilder;
import org.orderly.gateway.core.plan.PlanSession;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.plan.SessionPlan;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.Tariff;

/**
 * The product's policy. Each cycle it notes what it sees (household load, arrivals, departures,
 * full vehicles, vehicles drawing less than offered, grid caps coming or ending), re-plans when any of that
 * changes the picture or the plan is old, and asks the Limiter for the amperes that deliver this
 * slot's planned energy within the live room.
 *
 * <p>A newly plugged vehicle is first offered its pile's maximum until it has drawn once: what it
 * draws tells its on-board charger's limit (a 3.3 kW car needs twice the hours of a 7 kW one), and
 * a plan made without that knowledge leaves slow cars short.
 */
public final class OrderlyPolicy implements ChargingPolicy {
    private static final double FULL_DRAW_KW = 0.01;
    private static final double MAX_KW_CHANGE = 0.2;
    private static final double SHORTFALL_KWH = 0.05;
    /** Less than this planned later in the period is not worth starting a pile early for. */
    private static final double AHEAD_KWH = 0.05;
    /**
     * A measured household load lighter than the bound the plan last asked for was made on by at least this calls for
     * the plan again: less is a meter's noise, and a plan made again at it would be the same.
     */
    private static final double LIGHTER_THAN_BOUND_KW = 0.1;
    /**
     * The plan in force until the first is made: it plans nothing, and is dated at the epoch, before any plan made. The
     * policy has no clock (each cycle's time comes with its snapshot). Dated by the first snapshot, this plan would have
     * the date of the first plan made, asked for in that same cycle, and the page, which fetches its chart again when
     * the date of the plan its cycle decided with changes, would not draw that plan until the next.
     */
    private static final Plan NO_PLAN_YET = Plan.empty(Instant.EPOCH);

    private final Compound compound;
    private final OrderlySettings settings;
    private final PlanProblemBuilder problems;
    private final Planner planner;
    private final Limiter limiter;
    private final Beliefs beliefs;
    private final BaseLoadForecast forecast;
    private final Map<String, TrackedSession> tracked = new HashMap<>();
    /** The caps not ended at the last cycle: one coming or ending calls for a new plan. */
    private final CapsSeen capsSeen = new CapsSeen();
    /** The sessions on piles the gateway could not hear in the last snapshot: one going or coming calls for a new plan. */
    private Set<String> unheardSeen = Set.of();
    private final Executor planning;
    /** A plan solved off the control thread, waiting to be taken up by the next cycle. */
    private final AtomicReference<Plan> solved = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failed = new AtomicReference<>();
    /** Volatile: the local page reads the plan in force from its own threads. */
    private volatile Plan plan;
    /** The plan {@link #plan} replaced: a session drawing keeps what it had for the slot (see {@link SlotBudget}). */
    private Plan outgoing;
    /** Each pile's car, as far as known before a new vehicle's first draw. */
    private final PileCars cars;
    private PileReason[] reasons = new PileReason[0];
    /** The last {@link #decide}'s piles it would offer nothing now whatever the room ({@link #mostNowA}). */
    private Map<Integer, Double> mostNow = Map.of();
    /** The last {@link #decide}'s allocation, its sessions and its total limit, until the cycle says what it allowed. */
    private Allocation decided;
    private List<PluggedSession> decidedFor = List.of();
    private double decidedLimit;
    /**
     * The last {@link #plannedNow}'s sessions, its time and the reason of each pile its plan held, until the cycle says
     * what it allowed them: the cycle's currents are what each car was offered.
     */
    private List<PluggedSession> spellFor = List.of();
    private long spellAt;
    private Map<Integer, PileReason> spellHeld = Map.of();
    /** Why that cycle did not trust the reading: the reason of a car it stopped that no plan held. */
    private PileReason spellBecause = PileReason.METER_STALE;
    /** The installer's ceiling per pile in amperes (0 pauses it); infinity when none. */
    private final double[] ceilingA;
    private long nextReplan = Long.MIN_VALUE;
    private long lastDecide = Long.MIN_VALUE;
    /** When the last cycle ran, whether it asked {@link #decide} or {@link #plannedNow}: a step of the clock is seen by it. */
    private long lastCycle = Long.MIN_VALUE;
    /** A cycle since the last {@link #decide} set the currents without it ({@link #plannedNow}). */
    private boolean offeredElsewhere;
    /** Clock steps seen so far ({@link #clockStepped}): a plan asked for before the last one is for another time. */
    private int clockSteps;
    /** {@link #clockSteps} when the plan being solved was asked for. */
    private int stepsWhenAsked;
    /** {@link #clockSteps} when the plan in force was asked for. */
    private int stepsOfPlan;
    private boolean solving;
    private boolean replanWanted;
    /** Calls for a plan when the households leave a car room again after a plan made with none for it now. */
    private final RoomBack roomBack;
    /**
     * The household load the plan last asked for was made on where that was a bound ({@link HouseholdFigure#BOUND}), NaN
     * where it was measured or none was given: the first measured cycle lighter than it calls for the plan again.
     */
    private double plannedOnBoundKw = Double.NaN;
    /** How many plans have been asked for, and which of them is the plan in force (0: none yet). */
    private int plansAsked;
    private int askOfPlan;
    /** Which ask the last plan that failed answered (0: none failed). */
    private int askFailed;
    private int plansMade;
    private int planFailures;
    private RuntimeException lastPlanFailure;

    /**
     * @param planning runs the solving of each plan: {@code Runnable::run} solves it within the cycle
     *                 (simulation, tests); the live gateway passes a single planning thread, so the
     *                 control cycle never waits for a plan. The problem is always built within the
     *                 cycle, from that cycle's state; only the solving moves.
     */
    public OrderlyPolicy(Compound compound, Tariff tariff, OrderlySettings settings, Planner planner,
                         Executor planning) {
        this(compound, tariff, settings, planner, planning, new Estimator(tariff.zone(), compound.pileCount()));
    }

    /**
     * @param beliefs where beliefs about plugged sessions come from: the product learns them ({@link Estimator});
     *                a simulation may be told the outcomes, to measure what the uncertainty costs
     */
    public OrderlyPolicy(Compound compound, Tariff tariff, OrderlySettings settings, Planner planner,
                         Executor planning, Beliefs beliefs) {
        this.planning = planning;
        this.compound = compound;
        this.settings = settings;
        this.problems = new PlanProblemBuilder(compound, tariff, settings.planner());
        this.planner = planner;
        this.limiter = new Limiter(compound, settings.rampUpAmpsPerCycle(), settings.resolutionA());
        this.beliefs = beliefs;
        this.forecast = new BaseLoadForecast(tariff.zone());
        this.roomBack = new RoomBack(compound, settings.planner(), settings.settle().getSeconds(), forecast);
        this.plan = NO_PLAN_YET;
        this.outgoing = plan;
        this.ceilingA = new double[compound.pileCount()];
        Arrays.fill(ceilingA, Double.POSITIVE_INFINITY);
        this.cars = new PileCars(compound.pileCount());
    }

    /**
     * The installer limits pile {@code pileIndex} to {@code maxA} amperes (0 pauses it; infinity lifts the
     * limit). The plan is made again with it. Call on the thread that calls {@code decide}.
     *
     * @throws IllegalArgumentException when {@code maxA} is neither 0 nor at least the pile's minimum current
     */
    @Override
    public void limitPile(int pileIndex, double maxA) {
        Pile pile = compound.pile(pileIndex);
        if (!(maxA == 0 || maxA >= pile.minCurrentA())) {
            throw new IllegalArgumentException("pile " + pile.id() + ": a limit must be 0 (pause) or at least its minimum "
                    + pile.minCurrentA() + " A, was " + maxA);
        }
        ceilingA[pileIndex] = maxA;
        replanWanted = true;
    }

    /**
     * Planned again at the next cycle ({@link #replanWanted}), as {@link #limitPile} is: a declaration that differs from
     * the one it had is seen by its next cycle anyway, but one saved unchanged was not, and what waited for a plan made
     * after it waited up to the re-plan period (15 minutes) for one (ControlLoopReservationAwaitingPlanTest).
     */
    @Override
    public void declared(int pileIndex) {
        replanWanted = true;
    }

    @Override
    public PlanAsks planAsks() {
        return new PlanAsks(plansAsked, askOfPlan, askFailed);
    }

    @Override
    public String name() {
        return beliefs.policyName();
    }

    @Override
    public void remember(PastSession past) {
        beliefs.learn(past);
        cars.remember(past);
    }

    /** The plan in force (for display and upstream reporting). */
    public Plan plan() {
        return plan;
    }

    @Override
    public Optional<Plan> planInForce() {
        return Optional.ofNullable(plan);
    }

    /** {@link OrderlySettings#follow}: 5 s live, none in a simulation's whole steps. */
    @Override
    public Duration follow() {
        return settings.follow();
    }

    public int plansMade() {
        return plansMade;
    }

    /** Plans whose solving threw; the previous plan stayed in force each time. */
    public int planFailures() {
        return planFailures;
    }

    /** What it runs with: the live gateway's come from its configuration. */
    public OrderlySettings settings() {
        return settings;
    }

    /** Why the last failed plan failed, or null. */
    public RuntimeException lastPlanFailure() {
        return lastPlanFailure;
    }

    @Override
    public Allocation decide(Snapshot snapshot) {
        Instant now = snapshot.at();
        long t = now.getEpochSecond();
        boolean measured = snapshot.householdsMeasured();
        if (measured) {
            // A bound is not learnt, nor anything in its place. Learnt, a car's draw was the households': right after
            // a restart in the few readings of the quarter hour so far, which the plans made then took for the rest of
            // it and for the quarters after (10.16 kW for 8.40, ControlCycleBoundHouseholdsTest), and with a pile that
            // never says its draw every cycle its car charged. The light bound is lighter than the households where a
            // car draws less than it may (a plan would then be too full). Missed after a restart: a few of a quarter's
            // 900 readings; with such a pile, every one while its car may draw (a quarter not seen falls back).
            forecast.observe(now, snapshot.baseKw());
        }
        takeSolvedPlan();
        seeClock(t);
        // A draw tells what the vehicle did with this policy's last offer only if that offer was
        // made in the cycle just before (not across a gap, when someone else set the currents).
        // A cycle that set the currents without it (conservative mode, plannedNow) is such a gap however short: at
        // every other reading stale, a car it gave nothing drew nothing at each of this policy's cycles, and was taken
        // for full after the settle time (ControlCycleConservativePlanTest).
        boolean continuous = lastDecide != Long.MIN_VALUE && !offeredElsewhere
                && t - lastDecide <= 2 * Math.max(1, settings.cyclePeriod().getSeconds());
        lastDecide = t;
        offeredElsewhere = false;
        double limit = ChargingPolicy.limitAt(compound, snapshot.caps(), now);
        boolean replan = replanDue(snapshot.plugged(), snapshot.unheard(), snapshot.departed(), snapshot.caps(), now,
                continuous);
        if (measured) {
            // A plan made on a bound planned its current slot at it (the safe side, which the cycle keeps to as well):
            // the first measured cycle settles whether that was the households'.
            replan |= snapshot.baseKw() < plannedOnBoundKw - LIGHTER_THAN_BOUND_KW;
            plannedOnBoundKw = Double.NaN;
        }
        if (roomBack.calls(plan, t, snapshot.plugged(), snapshot.baseKw(), limit) || replan) {
            if (replan(new PlanInput(now, snapshot.baseKw(), forecast, snapshot.caps(),
                    planSessions(snapshot.plugged())))) {
                plannedOnBoundKw = measured ? Double.NaN : snapshot.baseKw();
            }
        }
        List<Request> requests = requests(snapshot.plugged(), t);
        double[] room = snapshot.reserved().from(compound, compound.room(snapshot.household(), limit));
        Allocation allocation = limiter.limit(room, requests, snapshot.silent());
        PileReason[] why = new PileReason[compound.pileCount()];
        Arrays.fill(why, PileReason.NONE);
        Map<Integer, Double> none = null;  // made only when a car is held so: most cycles, none is
        for (int k = 0; k < requests.size(); k++) {
            PluggedSession s = snapshot.plugged().get(k);
            TrackedSession ts = tracked.get(s.id());
            double offered = compound.kw(s.pileIndex(), allocation.amps()[s.pileIndex()]);
            boolean stops = ts.offeredKw > 0 && offered == 0 && !ts.drawingUnplanned;
            ts.offeredKw = offered;
            ts.drawingUnplanned &= !planned(s);
            ts.cyclesWaitedForPlan = planned(s) ? 0 : ts.cyclesWaitedForPlan + 1;
            why[s.pileIndex()] = reason(s, ts, requests.get(k), allocation, limit, t, snapshot.silent());
            if (stops) {
                ts.stoppedAt = t;
                ts.reasonAtStop = why[s.pileIndex()];
            }
            if (ts.full || justStopped(ts, t)) {
                if (none == null) {
                    none = new HashMap<>();
                }
                none.put(s.pileIndex(), 0.0);
            }
        }
        mostNow = none == null ? Map.of() : Map.copyOf(none);
        reasons = why;  // whole, never half-filled, whoever asks
        decided = allocation;
        decidedFor = snapshot.plugged();
        decidedLimit = limit;
        spellFor = List.of();
        return allocation;
    }

    /**
     * What the plan in force asks of each session it plans for now, as {@link #decide} would ask the Limiter for it
     * (its slot's draw, and any extra), with no live room: a session it holds (for a cheaper period, its turn, the
     * settle time after a stop) asks nothing, with the reason {@code decide} would give. A session no plan in force
     * plans for now (none made yet, or made before the clock stepped) asks nothing while it waits for the plan asked
     * for it ({@link #waitsForPlan}), with no reason of its own ({@link PileReason#NONE}), and is left out once it does
     * not. Arrivals, departures, caps and the
     * re-plan period are seen as {@code decide} sees them, and call for a plan as there: made without the live reading,
     * from the forecast of the household load, with the safe EV power (less under a cap) as the current slot's room
     * ({@link PlanInput#withoutReading}). The reading is not learnt from (it is not trusted), nor is anything in its
     * place. No car's draw is judged: the next {@code decide} does not judge a car's draw by the cycle's currents (a car
     * given nothing is not taken for full, nor one given less as a slower one), though it takes them as each car's
     * offer ({@link #allowedWithoutReading}). A car found full, or stopped less than the settle time ago, asks nothing,
     * plan or not.
     */
    @Override
    public List<PlannedNow> plannedNow(SnapshotWithoutReading snapshot) {
        Instant now = snapshot.at();
        long t = now.getEpochSecond();
        offeredElsewhere = true;
        takeSolvedPlan();
        seeClock(t);
        if (replanDue(snapshot.plugged(), snapshot.unheard(), snapshot.departed(), snapshot.caps(), now, false)) {
            if (replan(PlanInput.withoutReading(now, forecast, snapshot.caps(), planSessions(snapshot.plugged()),
                    snapshot.safe()))) {
                plannedOnBoundKw = Double.NaN;
            }
        }
        List<PluggedSession> planned = new ArrayList<>();
        List<PlannedNow> out = new ArrayList<>();
        for (PluggedSession s : snapshot.plugged()) {
            TrackedSession ts = tracked.get(s.id());
            if (planned(s) && plan.slotAt(t) >= 0) {
                ts.cyclesWaitedForPlan = 0;
                planned.add(s);
            } else if (waitsForPlan(s, ts, t)) {
                ts.cyclesWaitedForPlan++;
                out.add(new PlannedNow(s.pileIndex(), 0, 0, laxityBeforePlan(s, ts, t), PileReason.NONE));
            } else if (ts.full || justStopped(ts, t)) {
                // Left out of plans, a full car would share the safe power it does not draw, less for the others.
                out.add(new PlannedNow(s.pileIndex(), 0, 0, laxityBeforePlan(s, ts, t),
                        ts.full ? PileReason.FULL : ts.reasonAtStop));
            }
        }
        List<Request> requests = requests(planned, t);
        Allocation none = new Allocation(new double[compound.pileCount()], new int[compound.pileCount()]);
        Arrays.fill(none.limitedBy(), -1);
        for (int k = 0; k < planned.size(); k++) {
            PluggedSession s = planned.get(k);
            Request r = requests.get(k);
            PileReason why = r.wantedA() > 0 ? PileReason.CHARGING
                    : reason(s, tracked.get(s.id()), r, none, compound.transformer().limitKw(), t, SilentOffers.NONE);
            out.add(new PlannedNow(s.pileIndex(), r.desiredA(), Math.max(0, r.extraA()), r.laxityHours(), why));
        }
        Map<Integer, PileReason> held = new HashMap<>();
        for (PlannedNow p : out) {
            if (p.mostA() <= 0 && p.reason() != PileReason.NONE) {
                held.put(p.pileIndex(), p.reason());
            }
        }
        decided = null;
        spellFor = snapshot.plugged();
        spellAt = t;
        spellHeld = Map.copyOf(held);
        spellBecause = snapshot.untrustedBecause();
        return out;
    }

    /**
     * Whether a session no plan in force plans for now waits for the plan asked for it, in a cycle without the live
     * room: a car that is not drawing waits while that plan is solved (live, on the planning thread: taken up a cycle
     * or so later), as in {@link #wantedKw}, so that a plan that holds it (for the valley, its turn) does not stop it
     * a cycle after the safe power started it, a start and stop of its pile's contactor for nothing. It waits as long
     * as {@link #mayWaitForPlan}, and not at all when its laxity is less than that wait (its likely energy would
     * then not fit before its departure). A car drawing, or whose pile does not say, is not stopped for its plan. The
     * others share the safe power, as before any plan.
     */
    private boolean waitsForPlan(PluggedSession s, TrackedSession ts, long now) {
        boolean mayBeDrawing = !(s.lastDrawKw() < FULL_DRAW_KW);
        if (mayBeDrawing || !mayWaitForPlan(ts)) {
            return false;
        }
        double waitHours = planWaitCycles() * settings.cyclePeriod().toMillis() / 3_600_000.0;
        return laxityBeforePlan(s, ts, now) >= waitHours;
    }

    /**
     * Whether a car not full may wait for a plan that plans for it, in either kind of cycle: while one is being made
     * (not when the planner failed), for at most {@link #planWaitCycles} cycles in a row, so that a planning thread
     * stuck or failing without a word does not hold it at nothing for good.
     */
    private boolean mayWaitForPlan(TrackedSession ts) {
        return !ts.full && solving && ts.cyclesWaitedForPlan < planWaitCycles();
    }

    /**
     * The most cycles a car waits for its plan: as many as the settle time spans (30 live), longer than
     * the slowest solve measured (2.8 s, docs/benchmarks-planner.md) and no longer than a stopped car waits before it
     * may start again.
     */
    private long planWaitCycles() {
        // Never fewer than three, as live(): live, a plan solved on the planning thread is taken up a cycle or two
        // after it is asked for, whatever the settle time.
        return Math.max(3, settings.settle().toMillis() / Math.max(1, settings.cyclePeriod().toMillis()));
    }

    /** How urgent a session is before any plan has it, as the plan asked for it will find it. */
    private double laxityBeforePlan(PluggedSession s, TrackedSession ts, long now) {
        return new PlanSession(s.id(), s.pileIndex(), ts.belief, delivered(s, ts), plannedKw(s, ts))
                .laxityHours(now, settings.planner().urgencyQuantile());
    }

    /**
     * A pile the cycle held below what was decided (a car still following a lower offer holds the room it would rise
     * into) was offered what it got, not what was decided: its car's draw is judged against that, and its reason names
     * the node that held it.
     */
    @Override
    public void allowed(Allocation allocation) {
        if (decided == null) {
            allowedWithoutReading(allocation);
            return;
        }
        PileReason[] why = reasons.clone();
        for (PluggedSession s : decidedFor) {
            int i = s.pileIndex();
            double amps = allocation.amps()[i];
            TrackedSession ts = tracked.get(s.id());
            if (ts == null || amps == decided.amps()[i]) {
                continue;
            }
            ts.offeredKw = compound.kw(i, amps);
            int node = allocation.limitedBy()[i];
            if (node >= 0) {
                why[i] = limitReason(node, decidedLimit);
            }
        }
        reasons = why;
        decided = null;
    }

    /**
     * What a cycle without the live room allowed after {@link #plannedNow}: each car's offer, as in {@link #decide}, so
     * that a car it stopped waits the settle time before it is started again (in that cycle's mode or the next), and a
     * car's slot is drawn on from what it was given, not from the last offer before the spell. A car the spell started
     * and stopped cycle by cycle cycled its pile's contactor each second (ControlCycleAfterASpellTest). Its draw is
     * still not judged by these offers ({@link #offeredElsewhere}). A car stopped that its plan held keeps the plan's
     * reason while it waits; one the safe power had no room for keeps the cycle's ({@link PileReason#METER_STALE} or
     * {@link PileReason#METER_FLOWS_BACK}: a car stopped while the reading flowed back said it was stale,
     * ControlCycleBackflowTest).
     */
    private void allowedWithoutReading(Allocation allocation) {
        for (PluggedSession s : spellFor) {
            TrackedSession ts = tracked.get(s.id());
            if (ts == null) {
                continue;
            }
            double offered = compound.kw(s.pileIndex(), allocation.amps()[s.pileIndex()]);
            if (ts.offeredKw > 0 && offered == 0 && !ts.drawingUnplanned) {
                ts.stoppedAt = spellAt;
                ts.reasonAtStop = spellHeld.getOrDefault(s.pileIndex(), spellBecause);
            }
            ts.offeredKw = offered;
        }
        spellFor = List.of();
    }

    /**
     * Live, the clock is the wall clock: NTP may step it back, or forward (it was behind), and a gateway resumed after
     * a suspension finds it ahead. The plan in force, and one being solved, were then made for another time: after a
     * step back the plan starts after now; after a step forward its slot for now was planned as if the cars had
     * charged meanwhile, or it has no slot for now at all (the step passed its 48 h). Its sessions would stop until a
     * plan made after the step is taken up (live, a cycle or two on the planning thread) and then wait out the settle
     * time. So the plan is made again at once, and until it is taken up a car that is charging goes on as fast as the
     * live room allows and one that is waiting waits ({@link #wantedKw}). And every time the policy kept moves
     * with the clock: after a step back it would lie ahead (a stopped car would wait the step's length before it
     * could start again, or a car stopped and started again since would be stopped anew), after a step forward a
     * car stopped a moment before would start again at once.
     *
     * @param by the step in seconds (negative: back)
     */
    private void clockStepped(long by) {
        clockSteps++;
        nextReplan = Long.MIN_VALUE;
        for (TrackedSession ts : tracked.values()) {
            ts.stoppedAt = moved(ts.stoppedAt, by);
            ts.idleSince = moved(ts.idleSince, by);
            ts.belowOfferSince = moved(ts.belowOfferSince, by);
        }
    }

    /** A time the policy kept, moved by the clock's step: as long before now as it was before the last cycle. */
    private static long moved(long at, long by) {
        return at == Long.MIN_VALUE ? Long.MIN_VALUE : at + by;
    }

    /**
     * A cycle later than this after the last is taken as a step of the clock: longer than a plan is kept, so the plan
     * in force may be for a time long past. A steady clock never comes near it, at any cycle period.
     */
    private long stepGapSeconds() {
        return Math.max(settings.replanEvery().getSeconds(), 2 * settings.cyclePeriod().getSeconds());
    }

    /** Whether the plan in force was asked for since the clock last stepped ({@link #clockStepped}). */
    private boolean planForNow() {
        return stepsOfPlan == clockSteps;
    }

    /**
     * What each plugged session asks of the Limiter this cycle: its planned draw, and as extra either all
     * it can draw (the plan could not serve it) or its share of the room below the period's planned peak
     * (it has energy planned later at no lower price).
     */
    private List<Request> requests(List<PluggedSession> plugged, long t) {
        int slot = plan.slotAt(t);
        double[] wantedKw = new double[plugged.size()];
        double[] extraKw = new double[plugged.size()];
        double[] aheadKw = new double[plugged.size()];
        for (int i = 0; i < plugged.size(); i++) {
            PluggedSession s = plugged.get(i);
            TrackedSession ts = tracked.get(s.id());
            double ceilingKw = compound.kw(s.pileIndex(), ceilingA[s.pileIndex()]);
            wantedKw[i] = Math.min(ceilingKw, wantedKw(s, ts, t));
            if (ts.full) {
                continue;
            }
            if (justStopped(ts, t)) {
                wantedKw[i] = 0;
                continue;
            }
            if (!planForNow()) {
                // What the plan has beyond a session's draw is for another time: the plan asked for brings it.
                continue;
            }
            double moreKw = Math.max(0, Math.min(ceilingKw, maxKw(s, ts)) - wantedKw[i]);
            if (shortOfPlan(s)) {
                extraKw[i] = moreKw;
            } else if (slot >= 0 && plan.kwhAheadAtNoLowerPrice(s.id(), slot) > AHEAD_KWH) {
                aheadKw[i] = moreKw;
            }
        }
        aheadKw = AheadOfPlan.share(slot >= 0 ? plan.headroomToPeriodPeakKw(slot) : 0, aheadKw);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < plugged.size(); i++) {
            PluggedSession s = plugged.get(i);
            TrackedSession ts = tracked.get(s.id());
            double perAmp = compound.kwPerAmp(s.pileIndex());
            double askedKw = SteadyOffer.kw(ts.offeredKw, wantedKw[i] + extraKw[i] + aheadKw[i],
                    settings.steadyWithinA() * perAmp, compound.kw(s.pileIndex(), ceilingA[s.pileIndex()]));
            double desiredKw = Math.min(wantedKw[i], askedKw);
            requests.add(new Request(s.pileIndex(), desiredKw / perAmp, laxity(s.id()), ampsOf(ts, s),
                    (askedKw - desiredKw) / perAmp));
        }
        return requests;
    }

    /**
     * A car stopped less than the settle time ago is not started again before it is out, whatever room comes (a cap's
     * end): the room it would take is not there to add until then. Nor is a full car's.
     */
    @Override
    public Map<Integer, Double> mostNowA() {
        return mostNow;
    }

    @Override
    public List<PileReason> reasons() {
        return List.of(reasons);
    }

    /**
     * Why the pile got what it got: the Limiter's blocking node, or why the policy asked for nothing. A pile that does
     * not say its car's draw ({@code silent}) not started for want of room on its path needs its least current free
     * twice over (a start above its offer in force takes room twice): said so, not as a share of the capacity, which a
     * manager who sees room for its least current on the line cannot square with a car given nothing. A grid cap stays
     * the reason where it is the node: a limit someone set.
     */
    private PileReason reason(PluggedSession s, TrackedSession ts, Request r, Allocation a, double limit, long t,
                              SilentOffers silent) {
        if (ts.full) {
            return PileReason.FULL;
        }
        double ceiling = ceilingA[s.pileIndex()];
        if (ceiling == 0) {
            return PileReason.PAUSED_BY_INSTALLER;
        }
        double amps = a.amps()[s.pileIndex()];
        if (amps == 0 && justStopped(ts, t)) {
            return ts.reasonAtStop;
        }
        if (ceiling < compound.pile(s.pileIndex()).maxCurrentA() && amps > 0 && amps >= ceiling - 0.1) {
            return PileReason.INSTALLER_LIMIT;
        }
        int node = a.limitedBy()[s.pileIndex()];
        // A pile kept from drawing ahead of its plan is waiting as planned, not held back by a limit.
        if (node >= 0 && (r.desiredA() > 0 || shortOfPlan(s))) {
            PileReason limited = limitReason(node, limit);
            boolean startTakesTwice = silent.twiceAboveA(s.pileIndex()) < compound.pile(s.pileIndex()).minCurrentA();
            return amps == 0 && startTakesTwice && limited != PileReason.GRID_CAP ? PileReason.NOT_METERED_WAITING_FOR_ROOM
                    : limited;
        }
        if (amps > 0 || r.desiredA() > 0) {
            return PileReason.CHARGING;
        }
        if (!planned(s)) {
            // Asking nothing with no plan for it now, it waits for the plan asked for it (wantedKw). It fell through to
            // PLAN_DONE: a car just come read as done on the page for as long as its plan was being solved.
            return PileReason.WAITING_FOR_PLAN;
        }
        SessionPlan sp = plan.session(s.id());
        int slot = plan.slotAt(t);
        if (sp != null && slot >= 0) {
            for (int j = slot + 1; j < plan.slotCount(); j++) {
                if (sp.kwhInSlot(j) > 1e-6) {
                    return plan.cheaper(j, slot) ? PileReason.WAITING_FOR_CHEAPER_PERIOD
                            : PileReason.WAITING_FOR_ITS_TURN;
                }
            }
        }
        return PileReason.PLAN_DONE;
    }

    /** The reason of a pile the node {@code node} limits, with {@code limit} the total limit in force. */
    private PileReason limitReason(int node, double limit) {
        if (node != Compound.TRANSFORMER) {
            return PileReason.CIRCUIT_LIMIT;
        }
        return limit < compound.transformer().limitKw() ? PileReason.GRID_CAP : PileReason.TRANSFORMER_LIMIT;
    }

    /**
     * Whether the session was stopped less than {@link OrderlySettings#settle()} ago: it is not started again before.
     * A car takes seconds to follow a new current, and a household load flickering at the edge of the live room
     * would otherwise switch a pile on and off every cycle. Not starting is always safe; stopping is never delayed.
     */
    private boolean justStopped(TrackedSession ts, long t) {
        return ts.stoppedAt != Long.MIN_VALUE && t - ts.stoppedAt < settings.settle().getSeconds();
    }

    private double ampsOf(TrackedSession ts, PluggedSession s) {
        return ts.offeredKw / compound.kwPerAmp(s.pileIndex());
    }

    /**
     * The sessions on piles the gateway cannot hear: kept (their car has not been seen to leave) but offered nothing,
     * without the settle time of a stop (the gateway did not stop them), so that heard again each is planned for in the
     * next cycle as it was before. True when the set of them changed, which calls for a new plan: without them, or
     * with them again.
     */
    private boolean unheard(List<PluggedSession> unheard) {
        Set<String> ids = new HashSet<>();
        for (PluggedSession s : unheard) {
            ids.add(s.id());
            TrackedSession ts = tracked.get(s.id());
            if (ts != null) {
                ts.offeredKw = 0;
                ts.idleSince = Long.MIN_VALUE;
                ts.belowOfferSince = Long.MIN_VALUE;
            }
        }
        boolean changed = !ids.equals(unheardSeen);
        unheardSeen = ids;
        return changed;
    }

    /**
     * A step of the clock, seen against the last cycle of either kind: a spell of conservative cycles longer than a
     * plan is kept is no step.
     */
    private void seeClock(long t) {
        if (lastCycle != Long.MIN_VALUE && (t < lastCycle || t - lastCycle > stepGapSeconds())) {
            clockStepped(t - lastCycle);
        }
        lastCycle = t;
    }

    /**
     * Notes the piles not heard, the sessions and the caps; true when that, or the re-plan period, calls for a new
     * plan. {@code continuous}: this policy's offers were in force since its last cycle, so a car's draw tells what the
     * car did with them.
     */
    private boolean replanDue(List<PluggedSession> plugged, List<PluggedSession> unheard, List<Departed> departed,
                              List<GridCap> caps, Instant now, boolean continuous) {
        boolean replan = now.getEpochSecond() >= nextReplan || replanWanted;
        replan |= unheard(unheard);
        replan |= observeSessions(plugged, departed, now, continuous);
        replan |= capsSeen.changed(caps, now);
        return replan;
    }

    /** Updates what is known of every session; true when that calls for a new plan. */
    private boolean observeSessions(List<PluggedSession> plugged, List<Departed> departed, Instant now,
                                    boolean continuous) {
        boolean changed = false;
        Set<String> present = new HashSet<>();
        unheardSeen.forEach(present::add);
        for (PluggedSession s : plugged) {
            present.add(s.id());
            TrackedSession ts = tracked.get(s.id());
            if (ts == null) {
                // Planned at once, as plannedKw says, until its first draw shows its charger's limit.
                ts = new TrackedSession(beliefs.believe(s), s);
                // A car carried over a restart of the gateway, charging on the last run's lease, is not paused for it.
                ts.drawingUnplanned = s.lastDrawKw() >= FULL_DRAW_KW;
                ts.uncounted.observe(0, now.getEpochSecond());
                ts.count.observe(delivered(s, ts), now.getEpochSecond());
                tracked.put(s.id(), ts);
                changed = true;
                continue;
            }
            // Its last cycle's offer, before this cycle's decision replaces it.
            ts.uncounted.observe(Double.isNaN(s.lastDrawKw()) ? Math.min(ts.offeredKw, plannedKw(s, ts))
                    : s.lastDrawKw(), now.getEpochSecond());
            ts.count.observe(delivered(s, ts), now.getEpochSecond());
            if (!s.declared().equals(ts.last.declared())) {
                // A declaration made after plug-in (the property manager's reservation) replaces the belief
                // formed at plug-in and is planned for at once. A stop just before does not hold it back for the
                // settle time: that guards against a load flickering at the edge of the room, and a person's reservation
                // is no flicker; kept, the car stayed off for up to 30 s under a plan that charges it, and showed
                // the reason it was stopped for, which that plan no longer has.
                ts.belief = beliefs.believe(s);
                ts.stoppedAt = Long.MIN_VALUE;
                changed = true;
            }
            ts.last = s;
            if (Double.isNaN(s.lastDrawKw())) {
                // Its pile does not say what it draws: nothing is learnt of the car (full, its charger's limit), and it
                // stays planned at its pile's maximum until it leaves.
                ts.idleSince = Long.MIN_VALUE;
                ts.belowOfferSince = Long.MIN_VALUE;
                continue;
            }
            ts.peakDrawKw = Math.max(ts.peakDrawKw, s.lastDrawKw());
            if (!continuous || ts.offeredKw <= 0 || ts.full) {
                ts.idleSince = Long.MIN_VALUE;
                ts.belowOfferSince = Long.MIN_VALUE;
                continue;
            }
            long t = now.getEpochSecond();
            long settle = settings.settle().getSeconds();
            if (s.lastDrawKw() < FULL_DRAW_KW) {
                ts.idleSince = ts.idleSince == Long.MIN_VALUE ? t : ts.idleSince;
                if (t - ts.idleSince >= settle) {
                    ts.full = true;
                    changed = true;
                }
                continue;
            }
            ts.idleSince = Long.MIN_VALUE;
            if (s.lastDrawKw() < ts.offeredKw - 0.05) {
                ts.belowOfferSince = ts.belowOfferSince == Long.MIN_VALUE ? t : ts.belowOfferSince;
                if (t - ts.belowOfferSince >= settle) {
                    double before = ts.maxKwSeen;
                    ts.maxKwSeen = Double.isNaN(before) ? s.lastDrawKw() : Math.max(before, s.lastDrawKw());
                    changed |= Double.isNaN(before) || Math.abs(ts.maxKwSeen - before) > MAX_KW_CHANGE;
                }
            } else {
                ts.belowOfferSince = Long.MIN_VALUE;
            }
            if (!ts.probed && (settle == 0 || !Double.isNaN(ts.maxKwSeen) || s.lastDrawKw() >= ts.offeredKw - 0.05)) {
                // A draw ends the probe, whatever the live room let it be offered: a car that took
                // all it was offered is assumed able to take its pile's maximum.
                ts.probed = true;
                ts.asksBeforeProbed = plansAsked;
                changed = true;
            }
        }
        for (Iterator<Map.Entry<String, TrackedSession>> it = tracked.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, TrackedSession> e = it.next();
            if (!present.contains(e.getKey())) {
                PluggedSession last = e.getValue().last;
                if (e.getValue().probed) {
                    cars.lastCar(last.pileIndex(), Math.max(carKw(last, e.getValue()), e.getValue().peakDrawKw));
                }
                // A car that left unseen (its pile offline) stayed for a time nobody knows: its habits would learn the
                // time its pile was heard again. It is not learned from, as the store's habits leave it out. A stay on a
                // pile that counts no energy teaches no energy (its count NaN), whatever the policy told of it.
                departure(e.getKey(), departed, now).ifPresent(at -> remember(new PastSession(last.pileIndex(), last.arrival(), at,
                        last.deliveredKWh(), last.declared(), e.getValue().full)));
                it.remove();
                changed = true;
            }
        }
        return changed;
    }

    /** When the session left, as {@code departed} says (empty: unseen), or {@code now} when it does not list it. */
    private static Optional<Instant> departure(String sessionId, List<Departed> departed, Instant now) {
        for (Departed d : departed) {
            if (d.sessionId().equals(sessionId)) {
                return d.seenLeavingAt();
            }
        }
        return Optional.of(now);
    }

    /** The plugged sessions a plan is made for: every one not full. */
    private List<PlanSession> planSessions(List<PluggedSession> plugged) {
        List<PlanSession> sessions = new ArrayList<>();
        for (PluggedSession s : plugged) {
            TrackedSession ts = tracked.get(s.id());
            if (!ts.full) {
                sessions.add(new PlanSession(s.id(), s.pileIndex(), ts.belief, delivered(s, ts), plannedKw(s, ts),
                        ts.offeredKw > 0));
            }
        }
        return sessions;
    }

    /**
     * Asks for a plan from {@code input}; true if asked, false if put off until the plan being solved comes
     * ({@link #replanWanted}).
     */
    private boolean replan(PlanInput input) {
        Instant now = input.now();
        if (solving) {
            replanWanted = true;
            return false;
        }
        replanWanted = false;
        stepsWhenAsked = clockSteps;
        plansAsked++;
        PlanProblem problem = problems.build(input);
        solving = true;
        planning.execute(() -> {
            try {
                solved.set(planner.solve(problem));
            } catch (RuntimeException e) {
                failed.set(e);
            } catch (Error e) {
                // Counted as a failed plan, so that planning goes on; the thread that ran it ends with the Error.
                failed.set(new IllegalStateException("the planner failed: " + e, e));
                throw e;
            }
        });
        takeSolvedPlan();
        long every = settings.replanEvery().getSeconds();
        nextReplan = Math.floorDiv(now.getEpochSecond(), every) * every + every;
        return true;
    }

    /** Takes up a plan solved since the last cycle (at once, when solving runs within the cycle). */
    private void takeSolvedPlan() {
        Plan ready = solved.getAndSet(null);
        if (ready != null) {
            outgoing = plan;
            plan = ready;
            stepsOfPlan = stepsWhenAsked;
            askOfPlan = plansAsked;
            plansMade++;
            solving = false;
        }
        RuntimeException failure = failed.getAndSet(null);
        if (failure != null) {
            // The previous plan stays in force until the next scheduled re-plan; the caller logs it.
            lastPlanFailure = failure;
            planFailures++;
            askFailed = plansAsked;
            solving = false;
        }
    }

    /**
     * What the session has taken, for the plan and its slot's rate: its pile's count, or where the pile counts none
     * ({@code deliveredKWh} NaN) what the policy tells of it ({@link UncountedEnergy}). What the session's stay
     * teaches when it ends is its count alone.
     */
    private static double delivered(PluggedSession s, TrackedSession ts) {
        return Double.isNaN(s.deliveredKWh()) ? ts.uncounted.kWh() : s.deliveredKWh();
    }

    /** The power the plan assumes: what the car has shown, or before its first draw what {@link PileCars} says. */
    private double plannedKw(PluggedSession s, TrackedSession ts) {
        return ts.probed ? maxKw(s, ts) : Math.min(maxKw(s, ts), cars.assumedKw(s.pileIndex()));
    }

    private double maxKw(PluggedSession s, TrackedSession ts) {
        return Math.min(carKw(s, ts), compound.kw(s.pileIndex(), ceilingA[s.pileIndex()]));
    }

    /** The most the vehicle can draw on its pile: the pile's maximum, or less if the car has shown less. */
    private double carKw(PluggedSession s, TrackedSession ts) {
        double pileMax = pileMaxKw(s);
        return Double.isNaN(ts.maxKwSeen) ? pileMax : Math.min(pileMax, ts.maxKwSeen);
    }

    private double pileMaxKw(PluggedSession s) {
        return compound.kw(s.pileIndex(), compound.pile(s.pileIndex()).maxCurrentA());
    }

    private double laxity(String sessionId) {
        SessionPlan sp = plan.session(sessionId);
        return sp == null ? 0 : sp.laxityHours();
    }

    /**
     * Whether the plan could not fully serve the session: it then asks for all it can draw beyond
     * its plan, if the live room allows once every planned draw is served (the forecast has a
     * margin, so the live room is usually larger than the plan assumed).
     */
    private boolean shortOfPlan(PluggedSession s) {
        SessionPlan sp = plan.session(s.id());
        return sp != null && sp.shortfallKWh() > SHORTFALL_KWH;
    }

    /** What the session asks of the Limiter this cycle, before the installer's ceiling. */
    private double wantedKw(PluggedSession s, TrackedSession ts, long now) {
        if (ts.full) {
            return 0;
        }
        if (!planned(s)) {
            // No plan for it now: none knows it, or the one in force was made before the clock stepped. A car waits
            // while its plan is solved, unless it is charging (on this policy's offer, or on a limit it was found on):
            // that one is not stopped for a cycle or two while its next plan is solved (live, planning runs on its own
            // thread), since every stop and restart cycles the pile's contactor and the car's charger. It waits no
            // longer than in a spell ({@link #mayWaitForPlan}): a planning thread stuck on a solve held a new car at
            // nothing for as long as it was stuck (OrderlyPolicyPlanningThreadTest). Then, or with no plan being made
            // (the planner failed), it is charged as fast as the live room allows. The Limiter keeps every limit.
            return ts.offeredKw > 0 || ts.drawingUnplanned || !mayWaitForPlan(ts) ? mostAskedKw(s, ts) : 0;
        }
        double kw = desiredKw(s, ts, now);
        if (kw <= 0 && drawsOnForItsSlotsPlan(ts, now)) {
            return ts.offeredKw;
        }
        // The probe waits for the car's first planned draw, so that it costs no dearer a kWh than the plan pays: at a
        // long cycle (a 15-minute simulation step) a probe at the evening peak costs a quarter hour at full power.
        if (!ts.probed) {
            return kw > 0 ? pileMaxKw(s) : kw;
        }
        // Answered, it keeps what it showed it can draw until a plan asked for since is in force. The plan before
        // planned the car at the power it assumed (3.3 kW, say): live, while the next was solved on the planning
        // thread, a car drawing 32 A was offered 18 A for a cycle (LineLimitLiveTest's rig, 2026-12-02).
        return kw > 0 && askOfPlan <= ts.asksBeforeProbed ? mostAskedKw(s, ts) : kw;
    }

    /**
     * All a session asks for when it asks as much as it can draw: never less than its pile's minimum, though the car
     * has shown it draws less. The Limiter gives a pile asked less than its minimum nothing (a pile is never offered
     * less): a car found drawing 1 kW on a 6 A pile was stopped by its probe's answer, under a plan that charges it
     * now, and showed "Charging as planned" at 0 A until the settle time was out (OrderlyPolicyPlanningThreadTest). Offered
     * the minimum, it draws what it can, as {@link SlotDraw} has it do under its next plan.
     */
    private double mostAskedKw(PluggedSession s, TrackedSession ts) {
        double most = maxKw(s, ts);
        return most > 0 ? Math.max(most, compound.kw(s.pileIndex(), compound.pile(s.pileIndex()).minCurrentA())) : 0;
    }

    /**
     * Whether a car that was drawing keeps its last offer, though the plan in force has nothing more for it: while the
     * plan asked at the quarter hour is solved. The plan in force was made before this slot began, with what the car
     * had taken by then; a car charging past what that plan believed it needs (or that the safe power in a spell held
     * below it) is done by that plan at the slot's end, and the next plan, knowing what it has taken since, often
     * gives it more. Live, that plan is taken up a cycle or so after it is asked for: stopped meanwhile, the car was
     * started again only when its settle time was out, a start and stop of its pile's contactor at a quarter hour
     * (ControlCycleAfterASpellTest). It keeps its offer for no longer than a new car waits for its plan
     * ({@link #planWaitCycles}), counted from the slot's start, and not when no plan is being made. A simulation's
     * plan is made within the cycle: never.
     */
    private boolean drawsOnForItsSlotsPlan(TrackedSession ts, long now) {
        int slot = plan.slotAt(now);
        return ts.offeredKw > 0 && solving && slot > 0
                && now - plan.slotStart(slot) < planWaitCycles() * settings.cyclePeriod().toMillis() / 1000.0;
    }

    /** Whether the plan in force plans for the session, and was made for now. */
    private boolean planned(PluggedSession s) {
        return plan.session(s.id()) != null && planForNow();
    }

    /** The power that delivers what is left of this slot's planned energy by the slot's end. */
    private double desiredKw(PluggedSession s, TrackedSession ts, long now) {
        SessionPlan sp = plan.session(s.id());
        int slot = plan.slotAt(now);
        if (sp == null || slot < 0) {
            return 0;
        }
        boolean drawing = ts.offeredKw > 0;
        long slotEnd = plan.slotEnd(slot);
        double outgoingKWh = ts.slot.isFor(plan, slotEnd) ? 0 : outgoingKWh(s.id(), slotEnd, now);
        double left = ts.slot.leftKWh(plan, slotEnd, sp.kwhInSlot(slot), outgoingKWh,
                ts.count.kWhAt(s.lastDrawKw(), now), drawing, sp.maxKw(), maxKw(s, ts));
        boolean nextSlotToo = slot + 1 < plan.slotCount() && sp.kwhInSlot(slot + 1) > 1e-6;
        double hoursLeft = (slotEnd - now) / 3600.0;
        if (drawing && nextSlotToo && slotEnd - now < settings.settle().getSeconds()) {
            // Its draw runs on into the next slot: stopped now, the car could not start again before the settle time
            // is out, well into that slot. And the rate over the last seconds of a slot divides what the pile's
            // energy counter says by almost nothing: each step of the counter would swing it by amperes.
            left += sp.kwhInSlot(slot + 1);
            hoursLeft += (plan.slotEnd(slot + 1) - slotEnd) / 3600.0;
        }
        double minKw = compound.kw(s.pileIndex(), compound.pile(s.pileIndex()).minCurrentA());
        double cycleHours = settings.cyclePeriod().toMillis() / 3_600_000.0;
        return SlotDraw.kw(left, hoursLeft, minKw, maxKw(s, ts), cycleHours, drawing, nextSlotToo, plannedAfter(sp, slot));
    }

    /** Whether the session's plan gives it energy in any slot after {@code slot}. */
    private static boolean plannedAfter(SessionPlan sp, int slot) {
        for (int j = slot + 1; j < sp.kwhBySlot().length; j++) {
            if (sp.kwhInSlot(j) > 1e-6) {
                return true;
            }
        }
        return false;
    }

    /** What the plan just replaced gave the session in its slot ending at {@code slotEnd}, or 0. */
    private double outgoingKWh(String sessionId, long slotEnd, long now) {
        SessionPlan was = outgoing.session(sessionId);
        int j = outgoing.slotAt(now);
        return was != null && j >= 0 && outgoing.slotEnd(j) == slotEnd ? was.kwhInSlot(j) : 0;
    }
}
