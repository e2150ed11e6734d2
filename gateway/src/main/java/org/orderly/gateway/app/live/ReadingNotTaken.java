package org.orderly.gateway.app.live;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a cycle did not take the transformer reading it was given, though the meter answered it, judged once ({@link #why})
 * for the {@code control.mode} event's form ({@link #form()}, {@code CycleRecorder}) and the page: the card's
 * {@code readingNotTaken}, the meter's status and, in conservative mode, the alarm ({@code web.alarm.UntakenReading}).
 * Declared in the order the causes are judged, which is the order a reading with two of them is said by. Until
 * 2026-12-07 the event chose its form by its own list of checks, beside the page's: the same order, but the event judged
 * a reading whatever its age, and said one flowing back that the meter then left unrenewed past the stale age
 * {@code flowsBack} where the cycle judged it stale and the page said so (CycleRecorderTest). Moved from
 * {@code web.alarm} (and before that {@code web.view}) that day, so that the recorder may use it; the names sent are the
 * same.
 */
public enum ReadingNotTaken {
    /**
     * The reading flows back to the grid: past its hold ({@code CycleResult#backflow}), or before it, the cycle keeping
     * an earlier reading's households or, with none recent enough, conservative ({@code BackflowWatch#below}).
     */
    FLOWS_BACK("flowsBack"),
    /** The reading's total is no number (NaN or an infinity: a float register read with the wrong type or word order). */
    NO_NUMBER("notFinite"),
    /** The reading is beyond what the transformer can carry ({@code CycleResult#impossible}). */
    IMPOSSIBLE("impossible"),
    /** The reading's total is below what the piles alone drew in it ({@code CycleResult#belowPiles}). */
    BELOW_PILES("belowPiles"),
    /**
     * The reading lacks a line its map reads, for longer than a reading may be old ({@code CycleResult#linesMissing}):
     * recent, not stale, yet that line's room is not known.
     */
    LACKS_LINE("lacksLine");

    private final String form;

    ReadingNotTaken(String form) {
        this.form = form;
    }

    /** The {@code control.mode} event's form of a cycle without a reading to trust for this cause (docs/web.md). */
    public String form() {
        return form;
    }

    /**
     * The cause the cycle did not take its reading for. The causes exclude one another in the cycle but for a reading
     * flowing back past its hold that also lacks a line, which is said to flow back.
     *
     * @param seen           the cycle and the reading it was given
     * @param answeredWithin how old the reading may be and be one the meter answered now: the cycle's stale age
     *                       ({@code ControlCycle#staleAfter}), past which the cycle judges it stale whatever else it is,
     *                       a meter fallen silent after a reading it refused too (read57e, read57g)
     * @return empty where the cycle took it, where there is none, where it is older than {@code answeredWithin}, or where
     *         the cycle had no cause but its age
     */
    public static Optional<ReadingNotTaken> why(CycleSeen seen, Duration answeredWithin) {
        TransformerReading reading = seen.transformer();
        if (reading == null || reading.age().compareTo(answeredWithin) > 0
                || seen.taken().isPresent()) {
            return Optional.empty();
        }
        CycleResult result = seen.result();
        if (result.backflow() != null) {
            return Optional.of(FLOWS_BACK);
        }
        if (!Double.isFinite(reading.totalKw())) {
            return Optional.of(NO_NUMBER);
        }
        if (result.impossible() != null) {
            return Optional.of(IMPOSSIBLE);
        }
        if (result.belowPiles() != null) {
            return Optional.of(BELOW_PILES);
        }
        if (result.linesMissing() != null) {
            return Optional.of(LACKS_LINE);
        }
        // Flowing back, not yet for its hold: the cycle kept an earlier reading's households, or with none recent
        // enough to go on from was conservative (its pile reason METER_STALE's neutral words then, docs/web.md).
        return BackflowWatch.below(reading).isPresent() ? Optional.of(FLOWS_BACK) : Optional.empty();
    }
}
