package org.orderly.gateway.core.estimate;

/** The standard normal distribution's upper tail, for kernel-smoothed survival curves. */
final class Normal {
    private Normal() {
    }

    /** P(Z > x) for a standard normal Z; absolute error below 1.5e-7 (Abramowitz and Stegun 7.1.26). */
    static double upperTail(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-z * z);
        return x >= 0 ? erfc / 2 : 1 - erfc / 2;
    }

    /** Quantile points (i + 0.5) / n of a normal with the given mean and standard deviation. */
    static double[] quantilePoints(int n, double mean, double sd) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + sd * inverse((i + 0.5) / n);
        }
        return out;
    }

    /** Inverse of the standard normal CDF by bisection: called only when a prior is built. */
    static double inverse(double p) {
        double lo = -9;
        double hi = 9;
        for (int i = 0; i < 80; i++) {
            double mid = (lo + hi) / 2;
            if (1 - upperTail(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
