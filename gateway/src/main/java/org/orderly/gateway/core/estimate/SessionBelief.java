package org.orderly.gateway.core.estimate;

import java.time.Instant;
import java.util.Arrays;

/**
 * What the scheduler believes about one plugged session: a survival curve for its departure and
 * weighted samples of the energy it wants. Both are fixed at plug-in and conditioned at query
 * time on what has been seen since: the vehicle is still here, and has taken so much already.
 */
public final class SessionBelief {
    private static final int GRID_SECONDS = 300;
    /** When the vehicle has outstayed every sample, assume it may leave any moment: this mean. */
    private static final double OVERSTAY_MEAN_SECONDS = 3600;

    private final long gridStart;
    private final double[] survival;
    private final double[] energies;
    private final double[] energyWeights;
    private final double[] energyPairedDeparture;
    private final double kernelSeconds;

    /**
     * @param from                  earliest time the curve is asked about (the arrival)
     * @param departures            departure samples, epoch seconds
     * @param departureWeights      their weights
     * @param kernelSeconds         smoothing of each departure sample
     * @param energies              energy samples, kWh, in any order
     * @param energyWeights         their weights
     * @param energyPairedDeparture for each energy sample the departure it came with (epoch seconds),
     *                              or NaN; a sample whose vehicle would have left by now loses weight
     */
    public SessionBelief(Instant from, double[] departures, double[] departureWeights, double kernelSeconds,
                         double[] energies, double[] energyWeights, double[] energyPairedDeparture) {
        if (departures.length == 0 || energies.length == 0) {
            throw new IllegalArgumentException("a belief needs at least one departure and one energy sample");
        }
        this.gridStart = from.getEpochSecond();
        this.kernelSeconds = kernelSeconds;
        Integer[] order = new Integer[energies.length];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, (a, b) -> Double.compare(energies[a], energies[b]));
        this.energies = new double[order.length];
        this.energyWeights = new double[order.length];
        this.energyPairedDeparture = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            this.energies[k] = energies[order[k]];
            this.energyWeights[k] = energyWeights[order[k]];
            this.energyPairedDeparture[k] = energyPairedDeparture[order[k]];
        }
        double last = Arrays.stream(departures).max().orElseThrow() + 4 * kernelSeconds;
        int n = Math.max(2, (int) Math.ceil((last - gridStart) / GRID_SECONDS) + 1);
        double total = Arrays.stream(departureWeights).sum();
        survival = new double[n];
        for (int g = 0; g < n; g++) {
            double t = gridStart + (double) g * GRID_SECONDS;
            double s = 0;
            for (int k = 0; k < departures.length; k++) {
                s += departureWeights[k] * Normal.upperTail((t - departures[k]) / kernelSeconds);
            }
            survival[g] = s / total;
        }
    }

    private double unconditional(double epochSecond) {
        double x = (epochSecond - gridStart) / GRID_SECONDS;
        if (x <= 0) {
            return survival[0];
        }
        int g = (int) x;
        if (g >= survival.length - 1) {
            return 0;
        }
        double f = x - g;
        return survival[g] * (1 - f) + survival[g + 1] * f;
    }

    /** P(the vehicle is still plugged at {@code t} | it is plugged at {@code now}). */
    public double survival(long t, long now) {
        if (t <= now) {
            return 1;
        }
        double atNow = unconditional(now);
        if (atNow < 1e-3) {
            return Math.exp(-(t - now) / OVERSTAY_MEAN_SECONDS);
        }
        return Math.min(1, unconditional(t) / atNow);
    }

    /** The time by which the vehicle has left with probability {@code p}, given it is here at {@code now}. */
    public long departureQuantile(double p, long now) {
        long t = now;
        for (int i = 0; i < 96 * 12 && survival(t, now) > 1 - p; i++) {
            t += GRID_SECONDS;
        }
        return t;
    }

    /**
     * How much more energy the vehicle wants, given it has taken {@code deliveredKWh} and is still
     * here at {@code now}: samples it has already outgrown drop out, and (for habits) so do
     * samples from stays that would have ended by now.
     */
    public EnergyNeed need(double deliveredKWh, long now) {
        int n = energies.length;
        double[] w = new double[n];
        double total = 0;
        for (int k = 0; k < n; k++) {
            if (energies[k] <= deliveredKWh) {
                continue;
            }
            double weight = energyWeights[k];
            if (!Double.isNaN(energyPairedDeparture[k])) {
                weight *= Normal.upperTail((now - energyPairedDeparture[k]) / kernelSeconds) + 0.02;
            }
            w[k] = weight;
            total += weight;
        }
        if (total <= 0) {
            return EnergyNeed.vague(Math.max(2.0, 0.2 * deliveredKWh));
        }
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (w[k] > 0) {
                m++;
            }
        }
        double[] kwh = new double[m + 2];
        double[] tail = new double[m + 2];
        kwh[0] = 0;
        tail[0] = 1;
        double above = 1;
        int i = 1;
        for (int k = 0; k < n; k++) {
            if (w[k] <= 0) {
                continue;
            }
            double share = w[k] / total;
            kwh[i] = Math.max(kwh[i - 1] + 1e-6, energies[k] - deliveredKWh);
            tail[i] = above - share / 2;
            above -= share;
            i++;
        }
        kwh[m + 1] = kwh[m] * 1.15 + 0.5;
        tail[m + 1] = 0;
        return new EnergyNeed(kwh, tail);
    }

    /**
     * The energy (kWh, total for the session) the vehicle wants with probability {@code q} of
     * wanting no more, given it has taken {@code deliveredKWh} and is still here at {@code now}.
     */
    public double energyQuantile(double q, double deliveredKWh, long now) {
        return deliveredKWh + need(deliveredKWh, now).upTo(1 - q);
    }
}
