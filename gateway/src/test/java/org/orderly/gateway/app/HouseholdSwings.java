package org.orderly.gateway.app;

import java.util.Random;

/**
 * Households' load on each of the transformer's three lines, second by second and faster: each home is on one line
 * (single-phase homes, spread in turn over A, B and C) with a steady base, and switches on single appliances (a kettle,
 * an induction hob, a heat pump starting) of {@code stepKw} for {@code stepSeconds} at random (Poisson, {@code
 * perHomeHour} a home an hour); now and then a burst switches on a share of all homes at once (a half-time kettle, heat
 * pumps released together). Made once from a seed at 10 ms, so a run can be repeated and the load read from any thread.
 */
final class HouseholdSwings {
    /** The resolution the load is held at. */
    static final double STEP_S = 0.01;

    /** What the swings are made of; each a flag of the bench. */
    record Shape(int homes, double baseKwLow, double baseKwHigh, double perHomeHour, double stepKwLow,
                 double stepKwHigh, double stepSecondsLow, double stepSecondsHigh, double burstEverySeconds,
                 double burstShare, double burstKwLow, double burstKwHigh) {
    }

    private final double[][] kw;

    HouseholdSwings(Shape shape, double seconds, long seed) {
        Random random = new Random(seed);
        int n = (int) Math.ceil(seconds / STEP_S) + 1;
        kw = new double[3][n];
        for (int home = 0; home < shape.homes(); home++) {
            int line = home % 3;
            double base = uniform(random, shape.baseKwLow(), shape.baseKwHigh());
            add(line, 0, seconds, base);
            double rate = shape.perHomeHour() / 3600;
            for (double t = exponential(random, rate); t < seconds; t += exponential(random, rate)) {
                add(line, t, t + uniform(random, shape.stepSecondsLow(), shape.stepSecondsHigh()),
                        uniform(random, shape.stepKwLow(), shape.stepKwHigh()));
            }
        }
        if (shape.burstEverySeconds() > 0) {
            for (double t = exponential(random, 1 / shape.burstEverySeconds()); t < seconds;
                 t += exponential(random, 1 / shape.burstEverySeconds())) {
                for (int home = 0; home < shape.homes(); home++) {
                    if (random.nextDouble() < shape.burstShare()) {
                        // Not all at the same instant: within a few seconds of each other.
                        double on = t + uniform(random, 0, 3);
                        add(home % 3, on, on + uniform(random, shape.stepSecondsLow(), shape.stepSecondsHigh()),
                                uniform(random, shape.burstKwLow(), shape.burstKwHigh()));
                    }
                }
            }
        }
    }

    /** The households' load on {@code line} (0, 1, 2 for A, B, C) at {@code t} s from the start, in kW. */
    double lineKw(int line, double t) {
        int i = (int) Math.floor(t / STEP_S);
        return kw[line][Math.max(0, Math.min(kw[line].length - 1, i))];
    }

    double totalKw(double t) {
        return lineKw(0, t) + lineKw(1, t) + lineKw(2, t);
    }

    private void add(int line, double from, double to, double load) {
        int a = (int) Math.floor(from / STEP_S);
        int b = Math.min(kw[line].length, (int) Math.floor(to / STEP_S));
        for (int i = Math.max(0, a); i < b; i++) {
            kw[line][i] += load;
        }
    }

    private static double uniform(Random random, double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    private static double exponential(Random random, double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }
}
