package org.orderly.gateway.web.alarm;

import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.ReadingNotTaken;

/**
 * The alarm of a cycle that did not take the transformer reading the meter answered, one kind per cause, each saying
 * what to check. The cause is judged once, by {@link ReadingNotTaken#why} (as the {@code control.mode} event's form is),
 * for the transformer card's line, the meter status and this alarm. Until 2026-12-07 the alarm and the card each judged
 * the causes, in two orders, each with its own age check; and before that all but one flowing back raised
 * {@link AlarmKind#METER_STALE}, whose text says no readings come and to have the meter's link checked
 * (WebMeterReadingRefusedTest). Until later that day the page judged the cause here, apart from the event.
 */
public final class UntakenReading {
    private UntakenReading() {
    }

    /**
     * The alarm of a cycle without a household load (conservative, or the clock not set with no reading taken) that
     * refused its reading for {@code why}, with the quantity to check where the cause names one.
     */
    public static AlarmBoard.Condition alarm(ReadingNotTaken why, CycleResult result, String gatewayId) {
        return switch (why) {
            case FLOWS_BACK -> new AlarmBoard.Condition(AlarmKind.METER_FLOWS_BACK, gatewayId);
            case NO_NUMBER -> new AlarmBoard.Condition(AlarmKind.METER_READS_NO_NUMBER, gatewayId);
            case IMPOSSIBLE -> new AlarmBoard.Condition(AlarmKind.METER_READS_IMPOSSIBLE, gatewayId,
                    result.impossible().quantity());
            case BELOW_PILES -> new AlarmBoard.Condition(AlarmKind.METER_BELOW_PILES, gatewayId);
            case LACKS_LINE -> new AlarmBoard.Condition(AlarmKind.METER_LACKS_LINE, gatewayId,
                    result.linesMissing().quantity());
        };
    }
}
