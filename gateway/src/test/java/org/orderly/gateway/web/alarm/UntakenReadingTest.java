package org.orderly.gateway.web.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.Reservation;
import org.orderly.gateway.core.limit.SilentOffers;
import org.orderly.gateway.core.policy.PileReason;

/**
 * The alarm of a reading a conservative cycle did not take, by its cause, where the live tests cannot hold the moment
 * (WebMeterReadingRefusedTest holds the others): a reading flowing back before its hold, with no plausible reading recent
 * enough to go on from, makes the cycle conservative for a second or two before the hold names it. Until 2026-12-07 that
 * raised METER_STALE, then METER_FLOWS_BACK: a stale alarm raised and cleared for a meter that answered.
 */
class UntakenReadingTest {
    private static final Instant AT = Instant.parse("2026-12-07T07:00:00Z");
    private static final CycleResult CONSERVATIVE = new CycleResult(new Allocation(new double[] {0}, new int[] {-1}),
            ControlMode.CONSERVATIVE, Double.NaN, List.of(), List.of(PileReason.METER_STALE), List.of(), List.of(), null,
            Reservation.NONE, Optional.empty(), null, null, Map.of(), new double[0], Map.of(), null, null,
            SilentOffers.NONE, null, null);

    @Test
    void aReadingFlowingBackBeforeItsHoldIsSaidToFlowBack() {
        TransformerReading reading = new TransformerReading(-12.4, AT, Duration.ofMillis(80));
        assertThat(UntakenReading.alarm(CONSERVATIVE, reading, "gw"))
                .contains(new AlarmBoard.Condition(AlarmKind.METER_FLOWS_BACK, "gw"));
    }

    @Test
    void aReadingThatIsPlausibleButOldIsStale() {
        TransformerReading reading = new TransformerReading(12.4, AT, Duration.ofSeconds(30));
        assertThat(UntakenReading.alarm(CONSERVATIVE, reading, "gw")).as("METER_STALE's, FieldAlarms").isEmpty();
        assertThat(UntakenReading.alarm(CONSERVATIVE, null, "gw")).as("none: missing").isEmpty();
    }
}
