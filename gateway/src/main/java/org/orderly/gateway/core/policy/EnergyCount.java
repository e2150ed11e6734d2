package org.orderly.gateway.core.policy;

/**
 * A session's energy by now, from its pile's count and what the car drew since that count last moved. A pile's
 * count moves in steps: its meter's (0.01 kWh on some), and one report a second while the control cycle may be
 * shorter. Taken as it stands, the count lags what was drawn by up to a step, and the rate that delivers a slot's
 * energy by its end (worked out from it every cycle) rises between two steps and falls after each: by tenths of an
 * ampere mid-slot, by amperes in the slot's last minutes. A step is taken when the count reached it, so the energy
 * drawn since is the reported draw over the time since.
 */
final class EnergyCount {
    /** The longest the count is carried on by the draw: a count that has not moved for longer is not trusted further. */
    static final long CARRY_SECONDS = 60;
    private double countedKWh = Double.NaN;
    private long countedAt;

    /** Takes the pile's count at {@code t} (epoch seconds). */
    void observe(double countKWh, long t) {
        if (countKWh != countedKWh) {
            countedKWh = countKWh;
            countedAt = t;
        }
    }

    /**
     * A clock stepped back since the count moved carries nothing: the count stands until it moves again.
     *
     * @param drawKw what the car draws (NaN: its pile does not say)
     * @param t      now, epoch seconds
     */
    double kWhAt(double drawKw, long t) {
        if (Double.isNaN(drawKw) || drawKw <= 0) {
            return countedKWh;
        }
        return countedKWh + drawKw * Math.min(Math.max(0, t - countedAt), CARRY_SECONDS) / 3600.0;
    }
}
