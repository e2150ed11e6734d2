package org.orderly.gateway.core.model;

/**
 * What the cars may draw while the household load is not known (conservative mode, and a stale reading while the clock
 * is not set). The installer's safe EV power ({@code control.safeEvKw}) is what they may draw whatever the households
 * do under the transformer's limit: the households are taken to load all the rest of that limit, a third on each
 * line. A grid cap limits the total, households and cars, so under a cap the cars have what it leaves beside those
 * households, nothing under a cap at or below them: a lower cap is no lighter load of the households. An EV-only
 * limit (the load-control contact's {@code evLimitKw}) bounds them besides.
 *
 * @param safeEvKw  the installer's safe EV power, judged against the transformer's limit
 * @param evLimitKw the EV-only limit in force; infinite while there is none
 */
public record SafeEvPower(double safeEvKw, double evLimitKw) {
    public SafeEvPower {
        if (!(safeEvKw >= 0)) {
            throw new IllegalArgumentException("the safe EV power must be >= 0 kW, got " + safeEvKw);
        }
        if (!(evLimitKw >= 0)) {
            throw new IllegalArgumentException("the EV limit must be >= 0 kW, got " + evLimitKw);
        }
    }

    /** The households as the room is judged: all of the transformer's limit but the safe EV power. */
    public HouseholdLoad households(Compound compound) {
        return HouseholdLoad.evenly(Math.max(0, compound.transformer().limitKw() - safeEvKw));
    }

    /**
     * The total limit the cars' room is judged under, for {@code limitKw} in force (the transformer's, or a lower grid
     * cap): that, or the households plus the EV-only limit where lower.
     */
    public double totalLimitKw(Compound compound, double limitKw) {
        return Math.min(limitKw, households(compound).totalKw() + evLimitKw);
    }

    /** Each node's room for the cars under {@code limitKw} in force (the transformer's, or a lower grid cap). */
    public double[] room(Compound compound, double limitKw) {
        return compound.room(households(compound), totalLimitKw(compound, limitKw));
    }
}
