package org.orderly.gateway.core.estimate;

/**
 * How likely a plugged vehicle is to want more energy: {@link #tail(double)} is the probability
 * that it wants at least {@code x} kWh more than it has taken. A piecewise-linear tail through
 * the weighted samples of the belief (each at the middle of its weight), 1 at 0, and 0 a little
 * past the largest sample.
 */
public final class EnergyNeed {
    private final double[] kwh;
    private final double[] tail;

    EnergyNeed(double[] kwh, double[] tail) {
        this.kwh = kwh;
        this.tail = tail;
    }

    /** A need known only to exist: about {@code typicalKWh} more, tapering to none at twice that. */
    static EnergyNeed vague(double typicalKWh) {
        return new EnergyNeed(new double[] {0, typicalKWh, 2 * typicalKWh}, new double[] {1, 0.5, 0});
    }

    /** A need known exactly: {@code kwh} more, not a watt-hour less or more. */
    static EnergyNeed exactly(double kwh) {
        double x = Math.max(kwh, 1e-6);
        return new EnergyNeed(new double[] {0, x, x + 1e-6}, new double[] {1, 1, 0});
    }

    /** P(the vehicle wants at least {@code x} kWh more). */
    public double tail(double x) {
        if (x <= 0) {
            return 1;
        }
        for (int i = 1; i < kwh.length; i++) {
            if (x <= kwh[i]) {
                double f = (x - kwh[i - 1]) / (kwh[i] - kwh[i - 1]);
                return tail[i - 1] + f * (tail[i] - tail[i - 1]);
            }
        }
        return 0;
    }

    /** The most it wants with probability {@code p} or more: the x where the tail falls to p. */
    public double upTo(double p) {
        for (int i = 1; i < kwh.length; i++) {
            if (tail[i] <= p) {
                double f = tail[i - 1] == tail[i] ? 0 : (tail[i - 1] - p) / (tail[i - 1] - tail[i]);
                return kwh[i - 1] + f * (kwh[i] - kwh[i - 1]);
            }
        }
        return kwh[kwh.length - 1];
    }
}
