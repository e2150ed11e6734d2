package org.orderly.gateway.core.policy;

/**
 * What a car on a pile that counts no energy has taken, as far as the policy can tell: what its pile said it drew,
 * or, where the pile does not say that either, what it was offered (a car draws no more than its offer), no more than
 * the power the plan assumes for it. The planner needs a number, and 0 is the wrong one: with nothing delivered its
 * need never shrinks, so each plan plans the car's whole likely energy again, and its slot's budget never sees the
 * car draw, so its offer rises through every slot to the pile's maximum. Never learned from: a habit learns only a
 * count.
 */
final class UncountedEnergy {
    private double kWh;
    private long at = Long.MIN_VALUE;

    /**
     * The car drew {@code kw} since the last observation, up to {@link EnergyCount#CARRY_SECONDS}: a longer gap (its
     * pile unheard, the clock stepped) says nothing of what it drew meanwhile.
     *
     * @param t now, epoch seconds
     */
    void observe(double kw, long t) {
        if (at != Long.MIN_VALUE && t > at && kw > 0) {
            kWh += kw * Math.min(t - at, EnergyCount.CARRY_SECONDS) / 3600.0;
        }
        at = t;
    }

    double kWh() {
        return kWh;
    }
}
