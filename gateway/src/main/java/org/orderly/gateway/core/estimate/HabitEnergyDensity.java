package org.orderly.gateway.core.estimate;

/**
 * How plausible an energy is for this pile before anything is declared: a kernel density of its
 * habits' energies on a log scale, mixed with a broad floor so that an energy the pile has never
 * taken stays possible. A declared energy is a noisy measurement of the need; weighing what the
 * declaration implies by this density is Bayes' rule, and pulls a declaration far from every habit
 * of the pile back toward them.
 */
final class HabitEnergyDensity {
    private static final double BANDWIDTH = 0.3;
    private static final double FLOOR_SHARE = 0.1;
    private static final double FLOOR_SD = 1.5;
    private static final double MIN_KWH = 0.3;

    private final double[] logEnergies;
    private final double[] weights;
    private final double floorMean;

    HabitEnergyDensity(double[] energies, double[] weights) {
        this.logEnergies = new double[energies.length];
        this.weights = new double[energies.length];
        double total = 0;
        double mean = 0;
        for (int i = 0; i < energies.length; i++) {
            logEnergies[i] = Math.log(Math.max(MIN_KWH, energies[i]));
            total += weights[i];
        }
        for (int i = 0; i < energies.length; i++) {
            this.weights[i] = total > 0 ? weights[i] / total : 1.0 / energies.length;
            mean += this.weights[i] * logEnergies[i];
        }
        this.floorMean = mean;
    }

    /** The density at {@code kwh}, per unit of log energy. */
    double at(double kwh) {
        double x = Math.log(Math.max(MIN_KWH, kwh));
        double kde = 0;
        for (int i = 0; i < logEnergies.length; i++) {
            double z = (x - logEnergies[i]) / BANDWIDTH;
            kde += weights[i] * Math.exp(-0.5 * z * z);
        }
        kde /= BANDWIDTH;
        double zf = (x - floorMean) / FLOOR_SD;
        double floor = Math.exp(-0.5 * zf * zf) / FLOOR_SD;
        return (1 - FLOOR_SHARE) * kde + FLOOR_SHARE * floor;
    }
}
