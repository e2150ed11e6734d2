package org.orderly.gateway.app;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.ClockStep;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreEvent;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.app.live.BackflowWatch;
import org.orderly.gateway.app.live.CarriedSession;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.EvLoad;
import org.orderly.gateway.app.live.LastEndedSession;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.ReadingNotTaken;
import org.orderly.gateway.app.live.SamePlugIn;
import org.orderly.gateway.app.live.SessionEnd;
import org.orderly.gateway.app.live.SessionTracker;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what each cycle saw and decided to the store (only queued: the store never makes the control thread
 * wait): readings, every change of control mode, or of a transformer reading flowing back to the grid, as an event
 * ({@code control.mode}) and a log line (an ERROR for the reading flowing back), each new
 * plan, and each session when it starts, while it lasts and when it ends.
 */
final class CycleRecorder {
    static final String MODE_EVENT = EventKind.CONTROL_MODE.code();
    private static final Logger LOG = LoggerFactory.getLogger(CycleRecorder.class);

    private final Compound compound;
    private final Store store;
    private final String subject;
    private final OrderlyPolicy policy;
    private final CycleListener listener;
    private final ClockFloor clockFloor;
    /** What tells a pile's word on a plug-in for a session's, as the session tracker tells it. */
    private final SamePlugIn samePlugIn;
    private final SampleHolds holds;
    private int planFailuresSeen;
    /** How often an open session is written again, so that its row holds the pile's counter of a minute ago at most. */
    static final Duration REWRITE_EVERY = SessionRewrites.EVERY;
    /** When each pile's open session is written again: at its own moment of each minute. */
    private final SessionRewrites rewrites;
    private final Map<String, Seen> open = new HashMap<>();
    private Plan lastPlan;
    /** When the transformer reading last recorded was read: a reading is recorded once, not at every cycle. */
    private Instant lastTransformerReadAt;
    /**
     * Per pile, when the draw last recorded was so ({@link PileObservation#drawAt()}): a draw is recorded once, as the
     * transformer's reading is; where a pile's bus meter measures it, once per meter reading, not per pile report.
     */
    private final Instant[] lastPileDrawAt;
    private ControlMode mode;
    /** Whether the last cycle distrusted the transformer reading because it flowed back to the grid. */
    private boolean flowingBack;
    /** A step the store's queue had no room for yet; handed over again at the next cycle. */
    private ClockStep storeStep;
    /**
     * The step that set the clock, while it has stayed set since: a pile's report read before it, which a cycle after
     * it still holds, has the unset clock's time, which the step corrects.
     */
    private ClockStep clockSetBy;

    /**
     * An open session as the last cycle saw it, with the pile's count its energy was counted by at its last sighting
     * ({@link PluggedSession#countKWh}) and when its row was last written. How it
     * ends is the session tracker's to say ({@link SessionEnd}), a pile not heard as its car left included: until
     * 2026-12-07 a flag of its pile's spell of E or F was kept here too, apart from the tracker's, and the two could part
     * (ends60), and so did a flag of its pile not heard (mend60c).
     */
    private record Seen(PluggedSession session, double pileEnergyKWh, Instant at, Instant writtenAt) {
    }

    /**
     * @param listener   hears each cycle, event and new plan (on the control thread; it must not wait)
     * @param clockFloor the control cycle's, named when the mode says the clock is not set
     * @param samePlugIn the session tracker's ({@code SessionTracker.samePlugIn()}): in the world's time
     * @param holds      how long a pile's report and a cycle's own figures stand for in their minute's mean at most (the
     *                   configuration's); a reading, as long as the cycle's stale age ({@link CycleResult#staleAfter})
     */
    CycleRecorder(Compound compound, Store store, String subject, OrderlyPolicy policy, CycleListener listener,
                  ClockFloor clockFloor, SamePlugIn samePlugIn, SampleHolds holds) {
        this.holds = holds;
        this.samePlugIn = samePlugIn;
        this.clockFloor = clockFloor;
        this.compound = compound;
        this.lastPileDrawAt = new Instant[compound.pileCount()];
        this.rewrites = new SessionRewrites(compound.pileCount());
        this.store = store;
        this.subject = subject;
        this.policy = policy;
        this.listener = listener;
    }

    /** Records {@code seen}, then hands the same value to the listener (the upstream link's telemetry samples it). */
    void record(CycleSeen seen) {
        Instant now = seen.at();
        TransformerReading transformer = seen.transformer();
        List<PileObservation> piles = seen.piles();
        CycleResult result = seen.result();
        restampStore();
        if (result.mode() == ControlMode.CLOCK_NOT_SET) {
            // Not set again: its next set is another step, which corrects what this one would not.
            clockSetBy = null;
        }
        modeChange(seen);
        sessions(now, result.plugged(), piles, result.departedUnseen(), result.ended(), result.reasons());
        Plan plan = policy.plan();
        if (plan != lastPlan && plan.slotCount() > 0) {
            lastPlan = plan;
            store.plan(plan);
            listener.plan(plan);
        }
        if (policy.planFailures() != planFailuresSeen) {
            planFailuresSeen = policy.planFailures();
            // The policy keeps the previous plan and cannot log (the core does no I/O): report it here.
            LOG.error("{}: planning failed ({} so far); the previous plan stays in force", subject, planFailuresSeen,
                    policy.lastPlanFailure());
            String failure = String.valueOf(policy.lastPlanFailure());
            event(StoreEvent.of(now, EventKind.PLAN_FAILURE, subject, failure, "reason", failure));
        }
        // A meter that does not answer leaves its last reading in place, and each cycle sees it again: recorded again,
        // it would fill the minutes the meter was silent with its last value, in the history answer and the chart.
        // Nor is a reading beyond what the transformer can carry a measurement, to be charted and summed, nor one below
        // what the piles alone draw.
        if (transformer != null && Double.isFinite(transformer.totalKw())
                && result.impossible() == null && result.belowPiles() == null
                && !transformer.readAt().equals(lastTransformerReadAt)) {
            store.sample(new Sample("transformer", "power.total.kw", now, transformer.totalKw(),
                    result.staleAfter()));
            lastTransformerReadAt = transformer.readAt();
        }
        if (Double.isFinite(result.baseKw())) {
            store.sample(new Sample("compound", "base.kw", now, result.baseKw(), holds.cycle()));
            // Beside it, with the same hold, the part of it that is a bound (all of it in a cycle whose figure is one, 0
            // in a measured one): a minute's mean of it is the part of base.kw's mean that is at most, not measured, as
            // telemetry's baseBound says it of one cycle. A minute without it (recorded before 2026-12-06) does not say.
            boolean bound = result.householdFigure() == HouseholdFigure.BOUND;
            store.sample(new Sample("compound", "base.bound.kw", now, bound ? result.baseKw() : 0, holds.cycle()));
        }
        // The EV load as telemetry's evKw and the page's card say it, by the one rule (CycleSeen#evLoad): an offline
        // pile's last report is not what it draws now, and the cycle counts that in the household load (result.baseKw),
        // so counted here too it would be counted twice. What a pile said its car draws without measuring it (an
        // estimate, or a 0 that is none) is in ev.kw as the cycle takes it, and recorded apart as well, as telemetry's
        // evUnmeasuredKw says it apart from evKw.
        EvLoad ev = seen.evLoad();
        for (PileObservation p : piles) {
            boolean offline = seen.offline(p);
            String id = compound.pile(p.pileIndex()).id();
            // Nor is it the pile's own minute, and neither is a report a cycle before has seen: the pile is offline
            // only after control.pileOfflineAfterMs (70 s) without one, and each cycle until then sees its last
            // report again. A draw is recorded once, at when it was so: a minute left without one is a silence,
            // which the page's today fills from the pile's session counter once it is heard again (TodayCalculator).
            // Where the pile's bus meter measured it, that is the meter's reading, read at its own moment and as often
            // as its bus comes round, not at each of the pile's reports (drawAt), and held for as long as the cycle
            // takes it as the pile's draw: control.staleAfterMs, as a transformer reading (PileMeters), not the pile's
            // offline time.
            // Nor is a draw the pile did not measure (drawKnown false: a Modbus map without a power register says 0, a
            // bridge whose meter fails the most its offer allows): its minutes are left silent, as a silence's are.
            if (!offline && p.reported() && p.drawKnown() && !p.drawAt().equals(lastPileDrawAt[p.pileIndex()])) {
                // A draw the pile measured itself is of its report's moment (FieldView gives it the report's time).
                boolean itsOwn = p.drawAt().equals(p.readAt());
                store.sample(new Sample("pile-" + id, "power.kw", onTheClockAsSet(p.drawAt()), p.powerKw(),
                        itsOwn ? holds.pileReport() : result.staleAfter()));
                lastPileDrawAt[p.pileIndex()] = p.drawAt();
            }
            store.sample(new Sample("pile-" + id, "setpoint.a", now, result.allocation().amps()[p.pileIndex()],
                    holds.cycle()));
        }
        store.sample(new Sample("compound", "ev.kw", now, ev.kw(), holds.cycle()));
        // Written at every cycle beside ev.kw, 0 when all was measured: a minute without it (recorded before 2026-12-04)
        // does not say how much of its EV load was measured, and is read as unknown, not as 0.
        store.sample(new Sample("compound", "ev.unmeasured.kw", now, ev.unmeasuredKw(), holds.cycle()));
        listener.cycle(seen);
    }

    private void event(StoreEvent e) {
        store.event(e);
        listener.event(e);
    }

    /**
     * A session is stored when it starts, rewritten while it lasts (when its declaration changes and every
     * {@link #REWRITE_EVERY}, at its pile's moment of the minute, {@link SessionRewrites}; with when it was seen and the
     * pile's counter then, so that a gateway that stops can tell the same car when it comes back) and stored again when
     * it ends. It is seen when its pile's report says it is
     * plugged in, not when a cycle reads that report: a report may be up to the pile's offline time old. A session ends
     * as the session tracker decided ({@code ends}, {@link SessionEnd}), never worked out again here. A session
     * carried over from before a restart whose car left while the gateway was down ends when its pile says the car was
     * unplugged (a firmware-bridge's {@code lastSession}), a departure seen, which the policy's habits learn as the
     * next start's would from its row; else it is closed as departed unseen. Either is reported like any ended session.
     */
    private void sessions(Instant now, List<PluggedSession> plugged, List<PileObservation> piles,
                          List<CarriedSession> departedUnseen, List<SessionEnd> ends, List<PileReason> reasons) {
        for (CarriedSession c : departedUnseen) {
            PileObservation ending = observationOf(piles, c.pileIndex());
            // What its car took while the gateway was down counts when its pile's counter still counts its session.
            double delivered = energyAtEnd(c.deliveredKWh(), c.pileEnergyKWh(), c.lastSeen(), ending);
            SessionEnd end = decided(ends, c.id(), c.pileIndex(), c.lastSeen());
            boolean told = end.how() == SessionEnd.How.TOLD;
            SessionRecord ended = new SessionRecord(c.id(), compound.pile(c.pileIndex()).id(), c.arrival(),
                    told ? end.at() : null, c.declared().departure(),
                    c.declared().energyKWh(), delivered, false, true, c.lastSeen(), c.pileEnergyKWh());
            if (!told) {
                endedWhileDown(ended);
                continue;
            }
            LOG.info("{}: session {} on pile {} ended while the gateway was down, unplugged at {} as its pile says",
                    subject, ended.id(), ended.pile(), ended.departure());
            store.session(ended);
            RememberedSessions.taught(ended, c.pileIndex(), now).ifPresent(policy::remember);
        }
        boolean[] faulted = faulted(piles);
        Instant[] heardAt = heardAt(piles, now);
        // Offline as the cycle found it (control.pileOfflineAfterMs).
        Set<Integer> offline = new HashSet<>();
        for (int i = 0; i < reasons.size(); i++) {
            if (reasons.get(i) == PileReason.PILE_OFFLINE) {
                offline.add(i);
            }
        }
        Set<String> present = new HashSet<>();
        for (PluggedSession s : plugged) {
            present.add(s.id());
            Seen last = open.get(s.id());
            // A session on a pile not heard from is last seen when its pile last was: a restart then takes a car
            // plugged in meanwhile for another one, not the same. So is one on a pile in E or F, which says nothing of
            // its car (only A says it gone), nor counts it (a Modbus register may read 0 there): its row keeps its
            // last sighting in B or C and the counter then (until 2026-12-07 each E or F report was one: read59f).
            boolean unheard = last != null && offline.contains(s.pileIndex());
            boolean sighted = last == null || !unheard && !faulted[s.pileIndex()];
            Instant seenAt = sighted ? heardAt[s.pileIndex()] : last.at();
            // The count the session's delivered energy is counted by, which the tracker gives with it, not the pile's
            // latest: one below it judged no count begun again (a torn read, a status come late) is not stored beside
            // the energy of the count before (until 2026-12-07, mend61b, it was, and a restart counted on from their
            // difference, 18.05 kWh for a car that took 10.05: HeldCountRowTest).
            double counter = sighted ? s.countKWh() : last.pileEnergyKWh();
            Instant written = last == null ? null : last.writtenAt();
            if (last == null || !last.session().declared().equals(s.declared())
                    || rewrites.due(s.pileIndex(), written, now)) {
                store.session(record(s, null, seenAt, counter));
                written = now;
            }
            open.put(s.id(), new Seen(s, counter, seenAt, written));
        }
        for (Iterator<Map.Entry<String, Seen>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Seen last = it.next().getValue();
            if (!present.contains(last.session().id())) {
                PileObservation ending = observationOf(piles, last.session().pileIndex());
                Seen seen = withEnergyAtEnd(last, ending);
                // As the session tracker ended it: when the pile says its car was unplugged (a firmware-bridge's
                // lastSession, also after a silence of its pile, or with another car plugged in since), or reported it
                // gone; else not seen (a spell of E or F, a plug-in after one, another car plugged in unseen).
                SessionEnd end = decided(ends, last.session().id(), last.session().pileIndex(), seen.at());
                // A car reported gone by a pile offline until now left some time in its silence: not seen, as the
                // tracker decided it (and the policy is told: Departures).
                boolean departureSeen = end.how() != SessionEnd.How.NOT_SEEN;
                SessionRecord ended = record(seen.session(), end.at(), seen.at(), seen.pileEnergyKWh());
                if (!departureSeen && ending != null && ending.faulted()) {
                    // Ended by a spell of E or F that lasted (SessionTracker.KEPT_THROUGH_FAULT), which says nothing of
                    // the car: no departure seen, ending at its last sighting in B or C, so that the habits learn none
                    // (until 2026-12-07 a departure seen at the report that reached the bound: read59f).
                    ended = record(seen.session(), null, seen.at(), seen.pileEnergyKWh()).departedUnseen();
                    LOG.info("{}: session {} on pile {} ended by its pile's E or F lasting {} (last seen plugged in at {})",
                            subject, ended.id(), ended.pile(), SessionTracker.KEPT_THROUGH_FAULT, ended.departure());
                } else if (!departureSeen) {
                    // Its pile, offline until now, says the car has gone, or says another car was plugged in since the
                    // last sighting or after a spell of E or F, and not when: when it left is not known, only that it
                    // was there when it was last seen, as for a car that left while the gateway was down.
                    ended = record(seen.session(), null, seen.at(), seen.pileEnergyKWh()).departedUnseen();
                    LOG.info("{}: session {} on pile {} ended while its pile was not heard (last seen plugged in at {})",
                            subject, ended.id(), ended.pile(), ended.departure());
                }
                store.session(ended);
                it.remove();
            }
        }
    }

    /**
     * {@code last} with what its car took in all when the pile's report that ended it still counts its session
     * ({@link EndedSessionEnergy}): what it took after its last sighting, in a silence of its pile, counts too.
     */
    private Seen withEnergyAtEnd(Seen last, PileObservation ending) {
        PluggedSession s = last.session();
        double delivered = energyAtEnd(s.deliveredKWh(), last.pileEnergyKWh(), last.at(), ending);
        return new Seen(new PluggedSession(s.id(), s.pileIndex(), s.arrival(), s.declared(), delivered, s.lastDrawKw(),
                s.countKWh()),
                last.pileEnergyKWh(), last.at(), last.writtenAt());
    }

    /** The pile's observation this cycle, or null; looked up only for a session that ended, so a cycle allocates nothing. */
    private static PileObservation observationOf(List<PileObservation> piles, int pileIndex) {
        for (PileObservation p : piles) {
            if (p.pileIndex() == pileIndex) {
                return p;
            }
        }
        return null;
    }

    /** {@link EndedSessionEnergy} with the report's session start on the clock as set; none: what was counted. */
    private double energyAtEnd(double delivered, double counterSeen, Instant lastSeen, PileObservation ending) {
        if (ending == null) {
            return delivered;
        }
        Optional<Instant> began = ending.sessionPluggedAt().map(t -> clockSetBy == null ? t : clockSetBy.correct(t));
        return EndedSessionEnergy.of(delivered, counterSeen, lastSeen, ending, began, lastSessionOf(ending),
                samePlugIn);
    }

    /**
     * How the session tracker decided session {@code id} on the pile ended, among this cycle's {@code ends}. One it
     * decided none for (a cycle whose result the recorder missed) is closed unseen at its last sighting
     * {@code lastSeen}, and said so: not worked out here apart from the tracker.
     */
    private SessionEnd decided(List<SessionEnd> ends, String id, int pileIndex, Instant lastSeen) {
        for (SessionEnd e : ends) {
            if (e.sessionId().equals(id)) {
                return e;
            }
        }
        LOG.warn("{}: session {} on pile {} ended with no end decided by the session tracker in this cycle; closed as"
                + " departed unseen at its last sighting {}", subject, id, compound.pile(pileIndex).id(), lastSeen);
        return new SessionEnd(id, pileIndex, lastSeen, SessionEnd.How.NOT_SEEN);
    }

    /** Whether each pile's report says E or F, by pile index (false for a pile not listed). */
    private boolean[] faulted(List<PileObservation> piles) {
        boolean[] out = new boolean[compound.pileCount()];
        for (PileObservation p : piles) {
            out[p.pileIndex()] = p.reported() && p.faulted();
        }
        return out;
    }

    /** The pile's word on its last ended session, on the clock as set. */
    private Optional<LastEndedSession> lastSessionOf(PileObservation p) {
        return p.lastSession().map(s -> clockSetBy == null ? s : s.movedBy(clockSetBy));
    }

    /**
     * Sessions the store held as open when the gateway started that cannot have gone on (their pile is no longer
     * configured, a later session began on it, or the row says nothing to tell its car by): closed as departed unseen
     * and reported. Called before the first cycle.
     */
    void endedWhileDown(List<SessionRecord> stillOpen) {
        stillOpen.forEach(this::endedWhileDown);
    }

    private void endedWhileDown(SessionRecord stillOpen) {
        SessionRecord ended = stillOpen.departedUnseen();
        LOG.info("{}: session {} on pile {} ended while the gateway was down (last seen plugged in at {})", subject,
                ended.id(), ended.pile(), ended.departure());
        store.session(ended);
    }

    /**
     * The gateway stops: each open session is written once more as last seen in the last cycle, so that the next start
     * has the latest counter and, should the car leave meanwhile, the closest bound on its departure, with what is
     * declared for it now ({@code declared}, by session id: a declaration accepted after the last cycle is not lost).
     * Called after the last cycle, on the thread that stops the loop.
     */
    void stopped(Map<String, Declaration> declared) {
        for (Seen seen : open.values()) {
            PluggedSession s = seen.session();
            PluggedSession asDeclared = new PluggedSession(s.id(), s.pileIndex(), s.arrival(),
                    declared.getOrDefault(s.id(), s.declared()), s.deliveredKWh(), s.lastDrawKw(), s.countKWh());
            store.session(record(asDeclared, null, seen.at(), seen.pileEnergyKWh()));
        }
    }

    /**
     * When each pile's latest report was read, by pile index ({@code now} for a pile not listed): on the clock as set,
     * when it was read before the clock was set.
     */
    private Instant[] heardAt(List<PileObservation> piles, Instant now) {
        Instant[] out = new Instant[compound.pileCount()];
        Arrays.fill(out, now);
        for (PileObservation p : piles) {
            out[p.pileIndex()] = heardAt(p);
        }
        return out;
    }

    /** When the pile's report was read, on the clock as set. */
    private Instant heardAt(PileObservation p) {
        return onTheClockAsSet(p.readAt());
    }

    /** A time a cycle after the clock was set still holds, from before it: moved by the step that set it. */
    private Instant onTheClockAsSet(Instant t) {
        return clockSetBy == null ? t : clockSetBy.correct(t);
    }

    /**
     * The session's row; what its car took is not known (NaN, stored as null) when its pile counts no energy
     * ({@code pileEnergyKWh} NaN): the 0 the control cycle counts for it is no count.
     */
    private SessionRecord record(PluggedSession s, Instant departure, Instant lastSeen, double pileEnergyKWh) {
        double delivered = Double.isNaN(pileEnergyKWh) ? Double.NaN : s.deliveredKWh();
        return new SessionRecord(s.id(), compound.pile(s.pileIndex()).id(), s.arrival(), departure,
                s.declared().departure(), s.declared().energyKWh(), delivered, false, true, lastSeen, pileEnergyKWh);
    }

    private void modeChange(CycleSeen seen) {
        Instant now = seen.at();
        TransformerReading transformer = seen.transformer();
        CycleResult result = seen.result();
        ControlMode next = result.mode();
        boolean back = result.backflow() != null;
        if (next == mode && back == flowingBack) {
            return;
        }
        ControlMode previous = mode;
        boolean wasBack = flowingBack;
        mode = next;
        flowingBack = back;
        // Both modes without a household load (conservative, clock not set with an untrusted reading) say NaN.
        boolean stale = Double.isNaN(result.baseKw());
        // Why the reading was not taken, judged as the page judges it (ReadingNotTaken.why), of a reading the meter
        // answered within the cycle's stale age: until 2026-12-07 judged here apart, of a reading of any age, which said
        // one flowing back that the meter left unrenewed past that age flowsBack where the cycle judged it stale.
        Optional<ReadingNotTaken> notTaken = stale ? ReadingNotTaken.why(seen, result.staleAfter()) : Optional.empty();
        // The form of the page's text (EventKind.CONTROL_MODE): what the meter, or the clock, says.
        String form;
        String meter;
        if (notTaken.isPresent()) {
            form = notTaken.get().form();
            meter = notTakenBecause(notTaken.get(), transformer, result);
        } else if (!stale && wasBack && result.belowPiles() != null) {
            // No longer flowing back, but below what the piles alone draw, the cycle going on from the last plausible
            // households (recent under a stale age above the backflow's hold): not plausible. Until 2026-12-07 said
            // "plausible again" (BackflowEndEventTest).
            form = "backBelowPiles";
            meter = "transformer reading no longer flows back, but is below what the piles alone draw: "
                    + result.belowPiles().describe() + "; the households as the last plausible reading had them";
        } else if (!stale) {
            form = wasBack ? "plausibleAgain" : "fresh";
            meter = wasBack ? "transformer reading plausible again" : "transformer reading fresh";
        } else if (transformer == null) {
            form = "missing";
            meter = "transformer reading missing";
        } else {
            form = "stale";
            meter = "transformer reading stale (read at " + transformer.readAt() + ", " + transformer.age().toMillis()
                    + " ms before)";
        }
        String why;
        if (next == ControlMode.CLOCK_NOT_SET) {
            form = "clockNotSet";
            why = "clock not set: it says " + now + ", earlier than " + clockFloor.at() + " (" + clockFloor.source()
                    + "); charging is not planned by price or time of day (every plugged car gets what the live room"
                    + " of every limit allows, the lowest grid cap in force whatever its window), and the times"
                    + " recorded and sent upstream are wrong until it is set: check NTP (timedatectl status;"
                    + " systemd-timesyncd or chrony, and the uplink) or set it by hand (timedatectl set-time)"
                    + (clockFloor.ifClockRight().isEmpty() ? "" : "; " + clockFloor.ifClockRight())
                    + (stale ? "; " + meter + ": safe EV power only" : "");
        } else if (previous == ControlMode.CLOCK_NOT_SET) {
            form = "clockSet";
            why = "clock set (it says " + now + "); " + meter;
        } else {
            why = meter;
        }
        String message = (previous == null ? "start" : previous.name().toLowerCase()) + " -> "
                + next.name().toLowerCase() + ": " + why;
        if (back) {
            // An installer's fault that holds the compound's charging down until it is mended: not a passing state.
            LOG.error("{}: control mode {}", subject, message);
        } else {
            switch (next) {
                case CLOCK_NOT_SET -> LOG.error("{}: control mode {}", subject, message);
                case CONSERVATIVE -> LOG.warn("{}: control mode {}", subject, message);
                case NORMAL -> LOG.info("{}: control mode {}", subject, message);
            }
        }
        // Before the first cycle the page's mode is STARTING (mode.STARTING), which the gateway has no ControlMode for.
        event(StoreEvent.of(now, EventKind.CONTROL_MODE, subject, message, EventKind.FORM, form,
                "from", previous == null ? "STARTING" : previous.name(), "to", next.name(),
                "readAt", stale && transformer != null ? transformer.readAt() : null,
                "clock", form.startsWith("clock") ? now : null,
                "floor", next == ControlMode.CLOCK_NOT_SET ? clockFloor.at() : null));
    }

    /** The event's words for a reading the meter answered that the cycle did not take for {@code why}. */
    private static String notTakenBecause(ReadingNotTaken why, TransformerReading transformer, CycleResult result) {
        return switch (why) {
            case FLOWS_BACK -> result.backflow() != null
                    ? "transformer reading not trusted: " + result.backflow().describe()
                    + "; only the safe EV power (control.safeEvKw) is shared until it reads plausibly"
                    // Not yet for BackflowWatch.HOLD, and the last plausible reading too old to go on from: the page
                    // said such a reading stale until 2026-12-07 (CycleRecorderTest).
                    : BackflowWatch.below(transformer).map(b -> String.format(Locale.ROOT, "transformer reading not"
                    + " trusted: %s = %.2f kW flows back to the grid, and no plausible reading is recent enough to go on"
                    + " from", b.quantity(), b.kw())).orElse("transformer reading not trusted: it flows back to the grid,"
                    + " and no plausible reading is recent enough to go on from");
            // A fresh reading that is no number (a float register read as NaN): not stale, and the map is to check.
            case NO_NUMBER -> "transformer reading not a number: " + FieldView.TOTAL_POWER + " = " + transformer.totalKw()
                    + " (read at " + transformer.readAt() + "); check the meter and its register map's type and word order";
            // A fresh reading no transformer can give: not stale either, and the map (or the CT ratio) is to check.
            case IMPOSSIBLE -> "transformer reading impossible: " + result.impossible().describe() + " (read at "
                    + transformer.readAt() + ")";
            // Fresh, but less than the piles alone draw, and the last plausible reading too old to go on from.
            case BELOW_PILES -> "transformer reading not trusted: " + result.belowPiles().describe() + " (read at "
                    + transformer.readAt() + "), and no plausible reading is recent enough to go on from";
            // Recent, but lacking a line its map reads, and the last whole reading too old to go on from: not stale
            // (until 2026-12-07 said so, with the recent time: CycleRecorderTest.aReadingLackingALineIsSaidSoNotStale).
            case LACKS_LINE -> "transformer reading lacks " + result.linesMissing().quantity() + ", though its map reads"
                    + " it (read at " + transformer.readAt() + "), and no whole reading is recent enough to go on from:"
                    + " that line's room is not known; check the meter's wiring of that line and its register map";
        };
    }

    /**
     * The clock was set after it was not: the open sessions as last seen are moved by the step, and so are the store's
     * rows of this run from while it was not (handed to the store's writer, after what was queued before).
     */
    void clockSet(ClockStep step) {
        open.replaceAll((id, s) -> new Seen(new PluggedSession(s.session().id(), s.session().pileIndex(),
                step.correct(s.session().arrival()), new Declaration(step.correct(s.session().declared().departure()),
                s.session().declared().energyKWh()), s.session().deliveredKWh(), s.session().lastDrawKw(),
                s.session().countKWh()),
                s.pileEnergyKWh(), step.correct(s.at()), step.correct(s.writtenAt())));
        storeStep = step;
        clockSetBy = step;
        restampStore();
    }

    private void restampStore() {
        if (storeStep == null) {
            return;
        }
        if (store.restamp(storeStep)) {
            LOG.info("{}: the clock is set (stepped by {}): what was recorded from {} to {} by it is moved by the step",
                    subject, storeStep.by(), storeStep.from(), storeStep.to());
            storeStep = null;
        } else {
            LOG.warn("{}: the store's queue is full; moving what was recorded while the clock was not set is tried"
                    + " again at the next cycle", subject);
        }
    }

    ControlMode mode() {
        return mode;
    }
}
