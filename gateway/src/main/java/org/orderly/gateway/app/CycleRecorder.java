package org.orderly.gateway.app;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreEvent;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what each cycle saw and decided to the store (only queued: the store never makes the control thread
 * wait): readings, every change of control mode as an event ({@code control.mode}) and a log line, each new
 * plan, and each session when it starts and when it ends.
 */
final class CycleRecorder {
    static final String MODE_EVENT = "control.mode";
    private static final Logger LOG = LoggerFactory.getLogger(CycleRecorder.class);

    private final Compound compound;
    private final Store store;
    private final String subject;
    private final OrderlyPolicy policy;
    private final CycleListener listener;
    private int planFailuresSeen;
    private final Map<String, PluggedSession> open = new HashMap<>();
    private Plan lastPlan;
    private ControlMode mode;

    CycleRecorder(Compound compound, Store store, String subject, OrderlyPolicy policy) {
        this(compound, store, subject, policy, CycleListener.NONE);
    }

    /** @param listener hears each cycle, event, ended session and new plan (on the control thread; it must not wait) */
    CycleRecorder(Compound compound, Store store, String subject, OrderlyPolicy policy, CycleListener listener) {
        this.compound = compound;
        this.store = store;
        this.subject = subject;
        this.policy = policy;
        this.listener = listener;
    }

    void record(Instant now, TransformerReading transformer, List<PileObservation> piles, CycleResult result) {
        modeChange(now, transformer, result.mode());
        sessions(now, result.plugged());
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
            event(new StoreEvent(now, "plan.failure", subject, String.valueOf(policy.lastPlanFailure())));
        }
        if (transformer != null && Double.isFinite(transformer.totalKw())) {
            store.sample(new Sample("transformer", "power.total.kw", now, transformer.totalKw()));
        }
        if (Double.isFinite(result.baseKw())) {
            store.sample(new Sample("compound", "base.kw", now, result.baseKw()));
        }
        double ev = 0;
        for (PileObservation p : piles) {
            ev += Math.max(0, p.powerKw());
            String id = compound.pile(p.pileIndex()).id();
            store.sample(new Sample("pile-" + id, "power.kw", now, p.powerKw()));
            store.sample(new Sample("pile-" + id, "setpoint.a", now, result.allocation().amps()[p.pileIndex()]));
        }
        store.sample(new Sample("compound", "ev.kw", now, ev));
        listener.cycle(now, transformer, piles, result);
    }

    private void event(StoreEvent e) {
        store.event(e);
        listener.event(e);
    }

    /** A session is stored when it starts and again when it ends (with what it took). */
    private void sessions(Instant now, List<PluggedSession> plugged) {
        Set<String> present = new HashSet<>();
        for (PluggedSession s : plugged) {
            present.add(s.id());
            if (open.put(s.id(), s) == null) {
                store.session(record(s, null));
            }
        }
        for (Iterator<Map.Entry<String, PluggedSession>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, PluggedSession> e = it.next();
            if (!present.contains(e.getKey())) {
                SessionRecord ended = record(e.getValue(), now);
                store.session(ended);
                listener.sessionEnded(ended);
                it.remove();
            }
        }
    }

    private SessionRecord record(PluggedSession s, Instant departure) {
        return new SessionRecord(s.id(), compound.pile(s.pileIndex()).id(), s.arrival(), departure,
                s.declared().departure(), s.declared().energyKWh(), s.deliveredKWh(), false);
    }

    private void modeChange(Instant now, TransformerReading transformer, ControlMode next) {
        if (next == mode) {
            return;
        }
        ControlMode previous = mode;
        mode = next;
        String why = next == ControlMode.CONSERVATIVE
                ? "transformer reading " + (transformer == null ? "missing"
                        : "stale (read at " + transformer.readAt() + ", " + transformer.age().toMillis()
                                + " ms before)")
                : "transformer reading fresh";
        String message = (previous == null ? "start" : previous.name().toLowerCase()) + " -> "
                + next.name().toLowerCase() + ": " + why;
        if (next == ControlMode.CONSERVATIVE) {
            LOG.warn("{}: control mode {}", subject, message);
        } else {
            LOG.info("{}: control mode {}", subject, message);
        }
        event(new StoreEvent(now, MODE_EVENT, subject, message));
    }

    ControlMode mode() {
        return mode;
    }
}
