package org.orderly.tools.simulate;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.policy.Snapshot;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * Replays a scenario in virtual time against a policy, step by step, exactly as the contract in
 * ../shared/spec/scenario.md says: the policy sees only what a gateway would see, decides amperes
 * per pile, and each vehicle draws {@code min(setpoint power, its charger's limit, what it still
 * wants)}. The very policy objects of the live gateway run here; only the clock is virtual.
 */
public final class Simulator {
    /** Receives each step's draws; the simulator itself keeps no per-row state. */
    public interface DrawSink {
        void draw(Instant stepStart, String sessionId, String pileId, double kw) throws IOException;
    }

    private final Scenario scenario;
    private final ChargingPolicy policy;
    private final VirtualClock clock;

    private final Map<String, Integer> ordinals = new HashMap<>();

    public Simulator(Scenario scenario, ChargingPolicy policy, VirtualClock clock) {
        this.scenario = scenario;
        this.policy = policy;
        this.clock = clock;
        for (int i = 0; i < scenario.sessions().size(); i++) {
            ordinals.put(scenario.sessions().get(i).id(), i);
        }
    }

    public Metrics run(DrawSink sink) throws IOException {
        long wallStart = System.nanoTime();
        Compound compound = scenario.compound();
        scenario.history().forEach(policy::remember);
        List<Scenario.SimSession> byArrival = new ArrayList<>(scenario.sessions());
        byArrival.sort(Comparator.comparingInt(scenario::firstStep));
        List<Scenario.GridEvent> events = new ArrayList<>(scenario.gridEvents());
        events.sort(Comparator.comparing(Scenario.GridEvent::issuedAt));

        int n = scenario.steps();
        double hoursPerStep = scenario.stepSeconds() / 3600.0;
        Metrics.Recorder metrics = new Metrics.Recorder(scenario);
        double[] delivered = new double[scenario.sessions().size()];
        double[] lastDraw = new double[delivered.length];
        List<Scenario.SimSession> plugged = new ArrayList<>();
        List<GridCap> caps = new ArrayList<>();
        int nextArrival = 0;
        int nextEvent = 0;

        for (int k = 0; k < n; k++) {
            Instant t = scenario.stepStart(k);
            clock.set(t);
            while (nextArrival < byArrival.size() && scenario.firstStep(byArrival.get(nextArrival)) <= k) {
                Scenario.SimSession s = byArrival.get(nextArrival++);
                if (scenario.endStep(s) > k) {
                    plugged.add(s);
                }
            }
            final int step = k;
            plugged.removeIf(s -> scenario.endStep(s) <= step);
            while (nextEvent < events.size() && !events.get(nextEvent).issuedAt().isAfter(t)) {
                caps.add(events.get(nextEvent++).cap());
            }
            List<PluggedSession> seen = new ArrayList<>(plugged.size());
            for (Scenario.SimSession s : plugged) {
                seen.add(view(s, delivered, lastDraw));
            }
            double base = scenario.baseKwAtStep(k);
            long t0 = System.nanoTime();
            Allocation allocation = policy.decide(new Snapshot(t, base, seen, caps));
            metrics.decision(System.nanoTime() - t0);

            for (Scenario.SimSession s : plugged) {
                int id = ordinal(s);
                double amps = allocation.amps()[s.pileIndex()];
                Pile pile = compound.pile(s.pileIndex());
                if (amps != 0 && (amps < pile.minCurrentA() - 1e-9 || amps > pile.maxCurrentA() + 1e-9)) {
                    throw new IllegalStateException("policy " + policy.name() + " offered " + amps + " A to pile "
                            + pile.id() + " outside {0} and [" + pile.minCurrentA() + ", " + pile.maxCurrentA() + "]");
                }
                double wanted = Math.max(0, s.energyKWh() - delivered[id]);
                double kw = Math.min(Math.min(compound.kw(s.pileIndex(), amps), s.maxPowerKw()), wanted / hoursPerStep);
                kw = Math.floor(kw * 1e6) / 1e6;
                lastDraw[id] = kw;
                if (kw > 0) {
                    delivered[id] += kw * hoursPerStep;
                    metrics.draw(s.pileIndex(), kw);
                    sink.draw(t, s.id(), pile.id(), kw);
                }
            }
            metrics.step(k, t, base);
        }
        for (Scenario.SimSession s : scenario.sessions()) {
            metrics.session(s, delivered[ordinal(s)]);
        }
        return metrics.finish(policy.name(), (System.nanoTime() - wallStart) / 1e9);
    }

    private int ordinal(Scenario.SimSession s) {
        return ordinals.get(s.id());
    }

    private PluggedSession view(Scenario.SimSession s, double[] delivered, double[] lastDraw) {
        int id = ordinal(s);
        return new PluggedSession(s.id(), s.pileIndex(), s.arrival(), s.declared(), delivered[id], lastDraw[id]);
    }
}
