package org.orderly.gateway.core.estimate;

import java.util.ArrayDeque;
import java.util.Deque;
import org.orderly.gateway.core.session.PastSession;

/**
 * How far residents' declarations stray from what happens, learned from ended sessions: the error
 * of a declared departure (seconds, actual minus declared) and the ratio of the energy a vehicle
 * took to the energy declared. Until enough sessions have ended a modest prior speaks for them.
 */
public final class DeclarationAccuracy {
    private static final int KEEP = 300;
    private static final int PRIOR_POINTS = 10;
    private static final double PRIOR_WEIGHT = 3.0;
    private static final double PRIOR_DEPARTURE_SD_SECONDS = 45 * 60;
    private static final double PRIOR_ENERGY_LOG_SD = 0.3;

    private final Deque<Double> departureErrors = new ArrayDeque<>();
    private final Deque<Double> energyRatios = new ArrayDeque<>();

    public void learn(PastSession s) {
        if (s.declared().hasDeparture()) {
            keep(departureErrors, (double) (s.departure().getEpochSecond() - s.declared().departure().getEpochSecond()));
        }
        // An energy not known (its pile counts none) has no ratio to the declared.
        if (s.declared().hasEnergy() && s.reachedFull() && s.declared().energyKWh() > 0 && Double.isFinite(s.energyKWh())) {
            keep(energyRatios, s.energyKWh() / s.declared().energyKWh());
        }
    }

    private static void keep(Deque<Double> q, double v) {
        q.addLast(v);
        if (q.size() > KEEP) {
            q.removeFirst();
        }
    }

    /** Weighted samples of departure error in seconds: [values, weights]. */
    public double[][] departureErrors() {
        return withPrior(departureErrors, Normal.quantilePoints(PRIOR_POINTS, 0, PRIOR_DEPARTURE_SD_SECONDS));
    }

    /** Weighted samples of (energy taken / energy declared): [values, weights]. */
    public double[][] energyRatios() {
        double[] prior = Normal.quantilePoints(PRIOR_POINTS, 0, PRIOR_ENERGY_LOG_SD);
        for (int i = 0; i < prior.length; i++) {
            prior[i] = Math.exp(prior[i]);
        }
        return withPrior(energyRatios, prior);
    }

    private static double[][] withPrior(Deque<Double> seen, double[] prior) {
        int n = seen.size() + prior.length;
        double[] v = new double[n];
        double[] w = new double[n];
        int i = 0;
        for (double x : seen) {
            v[i] = x;
            w[i++] = 1;
        }
        for (double x : prior) {
            v[i] = x;
            w[i++] = PRIOR_WEIGHT / prior.length;
        }
        return new double[][] {v, w};
    }
}
