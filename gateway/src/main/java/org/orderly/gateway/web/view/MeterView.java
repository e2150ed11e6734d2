package org.orderly.gateway.web.view;

import java.util.List;

/**
 * The transformer meter as the page's transformer card shows it: whether the load shown is the present one, when the
 * meter was last read, and each phase's load against the per-phase limit.
 *
 * @param status        whether the last control cycle trusted the reading, and if not why
 * @param readAt        when the newest reading the gateway holds was taken (epoch ms), null when there is none
 * @param phaseLimitA   the per-phase limit the phases' shares are of: {@code compound.transformer.phaseLimitA}, or
 *                      when not set a third of {@code limitKw} at {@code phaseVoltageV} (each phase's share of a
 *                      balanced load, which the control cycle does not hold a phase to)
 * @param phaseLimitSet whether {@code phaseLimitA} is configured rather than derived
 * @param phases        A, B and C as the newest reading gives them, only when {@code status} is FRESH, each by the
 *                      quantity the control cycle takes it by ({@code LineSource}); a line the reading lacks, or every
 *                      line of a map that reads neither each line's current nor each line's power, is left out
 */
public record MeterView(Status status, Long readAt, double phaseLimitA, boolean phaseLimitSet, List<PhaseLoad> phases) {

    /** Whether the load shown is the present one. */
    public enum Status {
        /** No control cycle has run yet. */
        STARTING,
        /** The last cycle used the reading: it is the present load. */
        FRESH,
        /**
         * The last cycle did not take the reading (conservative mode): too old ({@code readAt} says when it was taken), or
         * answered by the meter and refused for a cause other than flowing back, the overview's {@code readingNotTaken}
         * saying which, as the alarm does. The status keeps to the values it had before 2026-12-07: a page left open
         * across an upgrade keeps its own table of them, and greys the card and says a line only for a value it knows
         * (a NOT_TAKEN added that day left such a page's card ungreyed, with no line for a total that is no number).
         */
        STALE,
        /** The meter has given no reading since the start (conservative mode). */
        MISSING,
        /**
         * The reading is recent but flows back to the grid, and the cycle distrusted it (conservative mode): past its hold,
         * or before it with no plausible reading recent enough to go on from (until 2026-12-07 STALE then).
         */
        FLOWS_BACK
    }

    /**
     * One phase's load.
     *
     * @param amps  its current, where the line is taken by it (the map reads every line's current), else null
     * @param kw    its active power, null when the reading does not have it
     * @param share of the per-phase limit: by the current where the line is taken by it, else by the power at the
     *              phase voltage
     */
    public record PhaseLoad(String phase, Double amps, Double kw, double share) {
    }
}
