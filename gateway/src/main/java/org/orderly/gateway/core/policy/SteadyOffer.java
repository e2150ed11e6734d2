package org.orderly.gateway.core.policy;

/**
 * What a drawing session asks for when its ask moved by less than a step: the offer it has. The rate that delivers a
 * slot's energy by the slot's end is worked out every cycle from the energy the pile reported, which moves in steps
 * ({@link EnergyCount} carries it on between them, not exactly), and the plan's extra moves with the live room: what a
 * session asks for wobbles by tenths of an ampere. Followed, each wobble is a write to the pile (in
 * OrderlyPolicySteadyOfferTest's hour, before: one every three seconds). Held, the session draws a little more or less
 * than its rate, and the rate, worked out again every cycle from what was drawn, makes it up before the slot ends.
 *
 * <p>Never above the most the session may have ({@code mostKw}: an installer's limit), and never for a session asking
 * nothing: a stop is never held. The room is the Limiter's to keep: it cuts a held offer like any other.
 */
final class SteadyOffer {
    private SteadyOffer() {
    }

    /**
     * @param offeredKw what the session was offered last cycle (0: it was not drawing)
     * @param askedKw   what it asks for this cycle
     * @param withinKw  the smallest change followed
     * @param mostKw    the most it may be offered
     * @return {@code offeredKw} if that is held, else {@code askedKw}
     */
    static double kw(double offeredKw, double askedKw, double withinKw, double mostKw) {
        boolean held = offeredKw > 0 && askedKw > 0 && offeredKw <= mostKw
                && Math.abs(askedKw - offeredKw) < withinKw;
        return held ? offeredKw : askedKw;
    }
}
