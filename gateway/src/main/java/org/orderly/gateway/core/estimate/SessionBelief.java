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
    /** Smoothing of a departure known for certain: a minute, the simulation's step. */
    static final double CERTAIN_KERNEL_SECONDS = 60;

    /**
     * A band's own curve is trusted in proportion to its weight still plugged now, against this
     * much weight (one past session's worth) for the curve of all samples: a band of one or two
     * sessions otherwise promises a long stay too confidently.
     */
    private static final double BAND_PRIOR_WEIGHT = 1.0;
    private final long gridStart;
    private final double[] survival;
    private final double[] energies;
    private final double[] energyWeights;
    private final double[] energyPairedDeparture;
    private final double kernelSeconds;
    /**
     * When every energy sample came with its own departure (habits): survival curves of the
     * samples from {@code bandStart[b]} on (energies ascending), i.e. of the vehicles that took
     * at least {@code energies[bandStart[b]]}. Band 0 is every sample. Empty when not paired.
     */
    private final int[] bandStart;
    private final double[][] bandSurvival;
    /** The energy the vehicle wants when it is known ({@link #certain}); NaN otherwise. */
    private final double knownEnergyKWh;

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
        this(from, departures, departureWeights, kernelSeconds, energies, energyWeights, energyPairedDeparture, Double.NaN);
    }

    /**
     * A belief that knows the outcome: the vehicle leaves at {@code departure} wanting {@code energyKWh}. The live
     * gateway never has one; simulation uses it to measure how close the planning gets when nothing is uncertain.
     */
    public static SessionBelief certain(Instant arrival, Instant departure, double energyKWh) {
        double at = departure.getEpochSecond();
        return new SessionBelief(arrival, new double[] {at}, new double[] {1}, CERTAIN_KERNEL_SECONDS,
                new double[] {energyKWh}, new double[] {1}, new double[] {at}, energyKWh);
    }

    private SessionBelief(Instant from, double[] departures, double[] departureWeights, double kernelSeconds,
                          double[] energies, double[] energyWeights, double[] energyPairedDeparture,
                          double knownEnergyKWh) {
        this.knownEnergyKWh = knownEnergyKWh;
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
        boolean paired = Arrays.stream(energyPairedDeparture).noneMatch(Double::isNaN);
        bandStart = paired ? bandStarts(this.energies, this.energyWeights) : new int[0];
        bandSurvival = new double[bandStart.length][n];
        for (int b = 0; b < bandStart.length; b++) {
            for (int g = 0; g < n; g++) {
                double t = gridStart + (double) g * GRID_SECONDS;
                double s = 0;
                for (int k = bandStart[b]; k < order.length; k++) {
                    s += this.energyWeights[k] * Normal.upperTail((t - this.energyPairedDeparture[k]) / kernelSeconds);
                }
                bandSurvival[b][g] = s;
            }
        }
    }

    /**
     * Where the bands of the largest energies start: the top 100, 50, 25 and 10 % of the weight,
     * each widened to take in every sample of the same energy as its first.
     */
    private static int[] bandStarts(double[] ascending, double[] ascendingWeights) {
        double total = Arrays.stream(ascendingWeights).sum();
        double[] tops = {1.0, 0.5, 0.25, 0.1};
        int[] start = new int[tops.length];
        int bands = 0;
        for (double top : tops) {
            double above = 0;
            int k = ascendingWeights.length;
            while (k > 0 && above + ascendingWeights[k - 1] <= top * total + 1e-12) {
                above += ascendingWeights[--k];
            }
            if (top == 1.0) {
                k = 0;
            }
            while (k > 0 && k < ascending.length && ascending[k - 1] == ascending[k]) {
                k--;
            }
            if (k < ascendingWeights.length && (bands == 0 || k > start[bands - 1])) {
                start[bands++] = k;
            }
        }
        return Arrays.copyOf(start, bands);
    }

    private double unconditional(double epochSecond) {
        return interpolate(survival, epochSecond);
    }

    private double interpolate(double[] curve, double epochSecond) {
        double x = (epochSecond - gridStart) / GRID_SECONDS;
        if (x <= 0) {
            return curve[0];
        }
        int g = (int) x;
        if (g >= curve.length - 1) {
            return 0;
        }
        double f = x - g;
        return curve[g] * (1 - f) + curve[g + 1] * f;
    }

    /**
     * How many survival curves conditioned on the energy wanted there are: 0 when the belief's
     * departures and energies were not observed together (a declaration stands for one of them).
     */
    public int energyBands() {
        return bandStart.length;
    }

    /**
     * From how many kWh more than {@code deliveredKWh} on band {@code b}'s curve applies: halfway
     * between the largest energy below the band and its smallest, as the energy tail interpolates
     * between samples (measured: the start or the end of that gap instead changes no scenario's
     * figures by more than 0.003).
     */
    public double bandFromKWh(int b, double deliveredKWh) {
        int k = bandStart[b];
        double below = k == 0 ? 0 : energies[k - 1];
        return (below + energies[k]) / 2 - deliveredKWh;
    }

    /**
     * P(still plugged at {@code t} | plugged at {@code now}) among the vehicles of energy band
     * {@code b}: habits pair a long stay with a large energy, so a vehicle that wants much more is
     * likelier to stay than one that may want only a little. Falls back to {@link #survival} when
     * the band has no weight left at {@code now}.
     */
    public double survival(long t, long now, int b) {
        if (t <= now) {
            return 1;
        }
        double atNow = interpolate(bandSurvival[b], now);
        if (atNow < 1e-3 * bandSurvival[b][0]) {
            return survival(t, now);
        }
        double own = Math.min(1, interpolate(bandSurvival[b], t) / atNow);
        double trust = atNow / (atNow + BAND_PRIOR_WEIGHT);
        return trust * own + (1 - trust) * survival(t, now);
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
        if (!Double.isNaN(knownEnergyKWh)) {
            return EnergyNeed.exactly(knownEnergyKWh - deliveredKWh);
        }
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
