package org.orderly.gateway.web.alarm;

import java.time.Duration;
import java.util.Optional;
import org.orderly.gateway.app.live.BackflowWatch;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.TransformerReading;

/**
 * Why a cycle did not take the transformer reading the meter answered, judged once for the page ({@link #why}): the
 * transformer card's line and meter status, and the alarm of a conservative cycle ({@link #alarm}), one kind per cause,
 * each saying what to check. Until 2026-12-07 the alarm and the card each judged the causes, in two orders, each with
 * its own age check; and before that all but one flowing back raised {@link AlarmKind#METER_STALE}, whose text says no
 * readings come and to have the meter's link checked (WebMeterReadingRefusedTest).
 */
public final class UntakenReading {
    private UntakenReading() {
    }

    /**
     * The cause the cycle did not take its reading for, in the order the {@code control.mode} event judges them
     * ({@code CycleRecorder}; {@link ReadingNotTaken}'s order). The causes exclude one another in the cycle but for a
     * reading flowing back past its hold that also lacks a line, which the event says flows back.
     *
     * @param seen           the cycle and the reading it was given
     * @param answeredWithin how old the reading may be and be one the meter answered now (the cycle's stale age; null:
     *                       any): the cycle judges its last reading whatever its age, and a meter fallen silent after one
     *                       it refused is stale, said by {@link AlarmKind#METER_STALE} and the meter's status (read57e,
     *                       read57g)
     * @return empty where the cycle took it, where there is none, where it is older than {@code answeredWithin}, or where
     *         the cycle had no cause but its age
     */
    public static Optional<ReadingNotTaken> why(CycleSeen seen, Duration answeredWithin) {
        TransformerReading reading = seen.transformer();
        if (reading == null || answeredWithin != null && reading.age().compareTo(answeredWithin) > 0
                || seen.taken().isPresent()) {
            return Optional.empty();
        }
        CycleResult result = seen.result();
        if (result.backflow() != null) {
            return Optional.of(ReadingNotTaken.FLOWS_BACK);
        }
        if (!Double.isFinite(reading.totalKw())) {
            return Optional.of(ReadingNotTaken.NO_NUMBER);
        }
        if (result.impossible() != null) {
            return Optional.of(ReadingNotTaken.IMPOSSIBLE);
        }
        if (result.belowPiles() != null) {
            return Optional.of(ReadingNotTaken.BELOW_PILES);
        }
        if (result.linesMissing() != null) {
            return Optional.of(ReadingNotTaken.LACKS_LINE);
        }
        // Flowing back, not yet for its hold: the cycle kept an earlier reading's households, or with none recent
        // enough to go on from was conservative (its pile reason METER_STALE's neutral words then, docs/web.md).
        return BackflowWatch.below(reading).isPresent() ? Optional.of(ReadingNotTaken.FLOWS_BACK) : Optional.empty();
    }

    /**
     * The alarm of a cycle without a household load (conservative, or the clock not set with no reading taken) that
     * refused its reading for {@code why}, with the quantity to check where the cause names one.
     */
    public static AlarmBoard.Condition alarm(ReadingNotTaken why, CycleResult result, String gatewayId) {
        return switch (why) {
            case IMPOSSIBLE -> new AlarmBoard.Condition(why.alarm(), gatewayId, result.impossible().quantity());
            case LACKS_LINE -> new AlarmBoard.Condition(why.alarm(), gatewayId, result.linesMissing().quantity());
            case FLOWS_BACK, NO_NUMBER, BELOW_PILES -> new AlarmBoard.Condition(why.alarm(), gatewayId);
        };
    }
}
