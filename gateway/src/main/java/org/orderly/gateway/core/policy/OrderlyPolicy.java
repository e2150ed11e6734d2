package org.orderly.gateway.core.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orderly.gateway.core.estimate.Estimator;
import org.orderly.gateway.core.forecast.BaseLoadForecast;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.Limiter;
import org.orderly.gateway.core.limit.Request;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanInput;
import org.orderly.gateway.core.plan.PlanProblemBuilder;
import org.orderly.gateway.core.plan.PlanSession;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.plan.SessionPlan;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.Tariff;

/**
 * The product's policy. Each cycle it notes what it sees (household load, arrivals, departures,
 * full vehicles, vehicles drawing less than offered, new grid caps), re-plans when any of that
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

    private final Compound compound;
    private final Clock clock;
    private final OrderlySettings settings;
    private final PlanProblemBuilder problems;
    private final Planner planner;
    private final Limiter limiter;
    private final Estimator estimator;
    private final BaseLoadForecast forecast;
    private final Map<String, TrackedSession> tracked = new HashMap<>();
    private final Set<String> capsSeen = new HashSet<>();
    private Plan plan;
    private long nextReplan = Long.MIN_VALUE;
    private int plansMade;

    public OrderlyPolicy(Compound compound, Tariff tariff, Clock clock, OrderlySettings settings) {
        this(compound, tariff, clock, settings, new GreedyPlanner());
    }

    /** With another planning algorithm, for comparing algorithms on the same problems. */
    public OrderlyPolicy(Compound compound, Tariff tariff, Clock clock, OrderlySettings settings, Planner planner) {
        this.compound = compound;
        this.clock = clock;
        this.settings = settings;
        this.problems = new PlanProblemBuilder(compound, tariff, settings.planner());
        this.planner = planner;
        this.limiter = new Limiter(compound, settings.rampUpAmpsPerCycle(), settings.resolutionA());
        this.estimator = new Estimator(tariff.zone(), compound.pileCount());
        this.forecast = new BaseLoadForecast(tariff.zone());
        this.plan = Plan.empty(clock.instant());
    }

    @Override
    public String name() {
        return "orderly";
    }

    @Override
    public void remember(PastSession past) {
        estimator.learn(past);
    }

    /** The plan in force (for display and upstream reporting). */
    public Plan plan() {
        return plan;
    }

    public int plansMade() {
        return plansMade;
    }

    @Override
    public Allocation decide(Snapshot snapshot) {
        Instant now = clock.instant();
        long t = now.getEpochSecond();
        forecast.observe(now, snapshot.baseKw());
        boolean replan = t >= nextReplan;
        replan |= observeSessions(snapshot.plugged(), now);
        for (GridCap cap : snapshot.caps()) {
            replan |= capsSeen.add(cap.id());
        }
        if (replan) {
            replan(now, snapshot);
        }
        List<Request> requests = new ArrayList<>();
        for (PluggedSession s : snapshot.plugged()) {
            TrackedSession ts = tracked.get(s.id());
            double kw = ts.full ? 0 : !ts.probed ? pileMaxKw(s) : desiredKw(s, ts, t);
            double perAmp = compound.kwPerAmp(s.pileIndex());
            double extraKw = ts.full ? 0 : Math.max(0, extraKw(s, ts) - kw);
            requests.add(new Request(s.pileIndex(), kw / perAmp, laxity(s.id()), ampsOf(ts, s), extraKw / perAmp));
        }
        double limit = ChargingPolicy.limitAt(compound, snapshot.caps(), now);
        Allocation allocation = limiter.limit(compound.room(snapshot.baseKw(), limit), requests);
        for (PluggedSession s : snapshot.plugged()) {
            tracked.get(s.id()).offeredKw = compound.kw(s.pileIndex(), allocation.amps()[s.pileIndex()]);
        }
        return allocation;
    }

    private double ampsOf(TrackedSession ts, PluggedSession s) {
        return ts.offeredKw / compound.kwPerAmp(s.pileIndex());
    }

    /** Updates what is known of every session; true when that calls for a new plan. */
    private boolean observeSessions(List<PluggedSession> plugged, Instant now) {
        boolean changed = false;
        Set<String> present = new HashSet<>();
        for (PluggedSession s : plugged) {
            present.add(s.id());
            TrackedSession ts = tracked.get(s.id());
            if (ts == null) {
                // No re-plan yet: the new vehicle is probed at its pile's maximum this cycle, and
                // the plan is made once its draw has shown its charger's limit.
                tracked.put(s.id(), new TrackedSession(estimator.believe(s), s));
                continue;
            }
            ts.last = s;
            if (ts.offeredKw > 0 && !ts.full) {
                if (s.lastDrawKw() < FULL_DRAW_KW) {
                    ts.full = true;
                    changed = true;
                } else if (s.lastDrawKw() < ts.offeredKw - 0.05) {
                    double before = ts.maxKwSeen;
                    ts.maxKwSeen = Double.isNaN(before) ? s.lastDrawKw() : Math.max(before, s.lastDrawKw());
                    changed |= Double.isNaN(before) || Math.abs(ts.maxKwSeen - before) > MAX_KW_CHANGE;
                }
                if (!ts.probed) {
                    // One draw ends the probe, whatever the live room let it be offered: a car that
                    // took all it was offered is assumed able to take its pile's maximum.
                    ts.probed = true;
                    changed = true;
                }
            }
        }
        for (Iterator<Map.Entry<String, TrackedSession>> it = tracked.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, TrackedSession> e = it.next();
            if (!present.contains(e.getKey())) {
                PluggedSession last = e.getValue().last;
                estimator.learn(new PastSession(last.pileIndex(), last.arrival(), now, last.deliveredKWh(),
                        last.declared(), e.getValue().full));
                it.remove();
                changed = true;
            }
        }
        return changed;
    }

    private void replan(Instant now, Snapshot snapshot) {
        List<PlanSession> sessions = new ArrayList<>();
        for (PluggedSession s : snapshot.plugged()) {
            TrackedSession ts = tracked.get(s.id());
            if (!ts.full) {
                sessions.add(new PlanSession(s.id(), s.pileIndex(), ts.belief, s.deliveredKWh(), maxKw(s, ts)));
            }
        }
        plan = planner.solve(problems.build(new PlanInput(now, snapshot.baseKw(), forecast, snapshot.caps(), sessions)));
        plansMade++;
        long every = settings.replanEvery().getSeconds();
        nextReplan = Math.floorDiv(now.getEpochSecond(), every) * every + every;
    }

    private double maxKw(PluggedSession s, TrackedSession ts) {
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
     * What a session the plan could not fully serve would take beyond its plan: all it can draw,
     * if the live room allows once every planned draw is served (the forecast has a margin, so
     * the live room is usually larger than the plan assumed).
     */
    private double extraKw(PluggedSession s, TrackedSession ts) {
        SessionPlan sp = plan.session(s.id());
        return sp != null && sp.shortfallKWh() > SHORTFALL_KWH ? maxKw(s, ts) : 0;
    }

    /** The power that delivers what is left of this slot's planned energy by the slot's end. */
    private double desiredKw(PluggedSession s, TrackedSession ts, long now) {
        SessionPlan sp = plan.session(s.id());
        int slot = plan.slotAt(now);
        if (sp == null || slot < 0) {
            return 0;
        }
        long key = plan.slotStart(slot) * 31 + plan.createdAt().getEpochSecond();
        if (key != ts.slotKey) {
            ts.slotKey = key;
            ts.deliveredAtSlotStart = s.deliveredKWh();
        }
        double left = sp.kwhInSlot(slot) - (s.deliveredKWh() - ts.deliveredAtSlotStart);
        double hoursLeft = (plan.slotEnd(slot) - now) / 3600.0;
        if (left <= 1e-6 || hoursLeft <= 0) {
            return 0;
        }
        Pile pile = compound.pile(s.pileIndex());
        double minKw = compound.kw(s.pileIndex(), pile.minCurrentA());
        double kw = Math.min(left / hoursLeft, maxKw(s, ts));
        if (kw < minKw) {
            // Below the pile's minimum: pulse at the minimum while a cycle's worth is still owed.
            double cycleHours = settings.cyclePeriod().getSeconds() / 3600.0;
            return left >= 0.5 * minKw * cycleHours ? minKw : 0;
        }
        return kw;
    }
}
