package org.orderly.gateway.web.alarm;

import java.util.Optional;
import org.orderly.gateway.app.live.BackflowWatch;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.TransformerReading;

/**
 * The alarm of a transformer reading a cycle without a household load did not take though the meter answered it, one
 * kind per cause, each saying what to check: flowing back to the grid (past its hold, or before it with no plausible
 * reading recent enough to go on from), a total that is no number, beyond what the transformer can carry, below what
 * the piles alone draw, lacking a line its map reads. In the order the
 * {@code control.mode} event judges them (its form says the same cause: {@code CycleRecorder}). Until 2026-12-07 all
 * but the first and the last raised {@link AlarmKind#METER_STALE}, whose text says no readings come and to have the
 * meter's link checked (WebMeterReadingRefusedTest).
 */
public final class UntakenReading {
    private UntakenReading() {
    }

    /**
     * @param result  a cycle that took no household load (conservative, or the clock not set with no reading taken)
     * @param reading the reading it was given, null when none
     * @return the alarm saying why it was not taken; empty where it is stale or missing ({@link AlarmKind#METER_STALE},
     *         {@link FieldAlarms})
     */
    public static Optional<AlarmBoard.Condition> alarm(CycleResult result, TransformerReading reading, String gatewayId) {
        if (result.backflow() != null) {
            return Optional.of(new AlarmBoard.Condition(AlarmKind.METER_FLOWS_BACK, gatewayId));
        }
        if (reading != null && !Double.isFinite(reading.totalKw())) {
            return Optional.of(new AlarmBoard.Condition(AlarmKind.METER_READS_NO_NUMBER, gatewayId));
        }
        if (result.impossible() != null) {
            return Optional.of(new AlarmBoard.Condition(AlarmKind.METER_READS_IMPOSSIBLE, gatewayId,
                    result.impossible().quantity()));
        }
        if (result.belowPiles() != null) {
            return Optional.of(new AlarmBoard.Condition(AlarmKind.METER_BELOW_PILES, gatewayId));
        }
        if (reading != null && BackflowWatch.below(reading).isPresent()) {
            // Flowing back, not yet for its hold, and no plausible reading recent enough to go on from: the same alarm
            // as once held, which it stays (until 2026-12-07 METER_STALE first, for a second or two).
            return Optional.of(new AlarmBoard.Condition(AlarmKind.METER_FLOWS_BACK, gatewayId));
        }
        if (result.linesMissing() != null) {
            return Optional.of(new AlarmBoard.Condition(AlarmKind.METER_LACKS_LINE, gatewayId,
                    result.linesMissing().quantity()));
        }
        return Optional.empty();
    }
}
