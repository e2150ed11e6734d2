package org.orderly.tools.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.core.policy.ChargingPolicy;

/**
 * What a simulation run delivered and cost, computed the way ../shared/tools/score.py computes it and rounded as it
 * rounds (MetricsRoundingTest).
 */
public record Metrics(Map<String, Object> values) {
    private static final double TOL = 1e-3;

    /** Accumulates a run step by step. */
    static final class Recorder {
        private final Scenario scenario;
        private final long[] decisionNanos;
        private int decisions;
        private double requested;
        private double delivered;
        private int sessions;
        private int fullyServed;
        private double cost;
        private double peak;
        private double totalKwSum;
        private double overloadKWh;
        private int overloadSteps;
        private final Map<String, Integer> circuitIndex = new LinkedHashMap<>();
        private final List<GridCap> caps;
        /** This step's EV load so far, in all, on each circuit and on each line. */
        private double ev;
        private final double[] circuit;
        private final double[] line = new double[3];

        Recorder(Scenario scenario) {
            this.scenario = scenario;
            this.decisionNanos = new long[scenario.steps()];
            this.caps = scenario.gridEvents().stream().map(Scenario.GridEvent::cap).toList();
            for (int i = 0; i < scenario.compound().circuits().size(); i++) {
                circuitIndex.put(scenario.compound().circuits().get(i).id(), i);
            }
            this.circuit = new double[circuitIndex.size()];
        }

        void decision(long nanos) {
            decisionNanos[decisions++] = nanos;
        }

        /**
         * A pile's draw in this step, in the order delivered.csv lists them: score.py adds the rows up in that order,
         * and a sum of doubles taken in another order may differ in its last bit, which a rounding can show.
         */
        void draw(int pileIndex, double kw) {
            if (kw <= 0) {
                return;
            }
            Compound c = scenario.compound();
            Pile pile = c.pile(pileIndex);
            ev += kw;
            for (String id = pile.circuitId(); id != null; id = c.circuits().get(circuitIndex.get(id)).parentId()) {
                circuit[circuitIndex.get(id)] += kw;
            }
            for (int q = 0; q < 3; q++) {
                line[q] += pile.phase() == Phase.ABC ? kw / 3 : kw * pile.phase().shareOnLine(q);
            }
        }

        /** Ends step {@code k}, whose draws were all given to {@link #draw}. */
        void step(int k, Instant t, double base) {
            Compound c = scenario.compound();
            Transformer tr = c.transformer();
            double hours = scenario.stepSeconds() / 3600.0;
            double total = base + ev;
            peak = Math.max(peak, total);
            totalKwSum += total;
            cost += ev * hours * scenario.tariff().priceAt(t);
            double limit = ChargingPolicy.limitAt(c, caps, t);
            double over = Math.max(0, total - limit) - Math.max(0, base - limit);
            for (int i = 0; i < circuit.length; i++) {
                Circuit ci = c.circuits().get(i);
                over += Math.max(0, circuit[i] - ci.limitKw());
            }
            if (tr.hasPhaseLimit()) {
                double pl = tr.phaseLimitKw();
                for (int q = 0; q < 3; q++) {
                    over += Math.max(0, base / 3 + line[q] - pl) - Math.max(0, base / 3 - pl);
                }
            }
            if (over > TOL) {
                overloadSteps++;
                overloadKWh += over * hours;
            }
            ev = 0;
            Arrays.fill(circuit, 0);
            Arrays.fill(line, 0);
        }

        void session(Scenario.SimSession s, double deliveredKWh) {
            sessions++;
            requested += s.energyKWh();
            delivered += deliveredKWh;
            if (deliveredKWh >= s.energyKWh() - 0.01) {
                fullyServed++;
            }
        }

        Metrics finish(String policy, double wallSeconds) {
            long[] d = Arrays.copyOf(decisionNanos, decisions);
            Arrays.sort(d);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("scenario", scenario.name());
            v.put("policy", policy);
            v.put("energyRequestedKWh", round(requested, 2));
            v.put("energyDeliveredKWh", round(delivered, 2));
            v.put("deliveredShare", requested > 0 ? round(delivered / requested, 4) : 1.0);
            v.put("sessions", sessions);
            v.put("sessionsFullyServed", fullyServed);
            v.put("cost", round(cost, 2));
            v.put("residentCost", round(cost + scenario.penaltyPerKWh() * (requested - delivered), 2));
            v.put("peakKw", round(peak, 1));
            v.put("loadFactor", peak > 0 ? round(totalKwSum / scenario.steps() / peak, 4) : null);
            v.put("overloadKWh", round(overloadKWh, 3));
            v.put("overloadSteps", overloadSteps);
            v.put("decisionMsP50", round(percentile(d, 0.50) / 1e6, 3));
            v.put("decisionMsP99", round(percentile(d, 0.99) / 1e6, 3));
            v.put("decisionMsMax", round(d.length == 0 ? 0 : d[d.length - 1] / 1e6, 3));
            v.put("wallSeconds", round(wallSeconds, 2));
            return new Metrics(v);
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        /**
         * Python's {@code round(v, places)}, as score.py rounds: the double's exact value rounded, half to even. So
         * 102.35, which as a double is 102.349999999999994..., is 102.3; rounding {@code v * 10} half up made it 102.4,
         * the product being rounded to 1023.5 first.
         */
        private static double round(double v, int places) {
            if (!Double.isFinite(v)) {
                return v;
            }
            double r = new BigDecimal(v).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
            return r == 0 ? Math.copySign(0.0, v) : r; // Python keeps the sign of a zero: round(-0.001, 2) is -0.0
        }
    }
}
