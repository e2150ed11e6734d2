package org.orderly.gateway.web.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.Backflow;
import org.orderly.gateway.app.live.BelowPiles;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.ImpossibleReading;
import org.orderly.gateway.app.live.MeterLines;
import org.orderly.gateway.app.live.ReadingNotTaken;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.policy.PileReason;

/**
 * Why a cycle did not take the reading the meter answered, judged once for the page's alarm, card line and meter status
 * ({@link ReadingNotTaken#why}), in the order the {@code control.mode} event judges the causes, and only of a reading no
 * older than the cycle's stale age. Where the live tests cannot hold the moment (WebMeterReadingRefusedTest holds the
 * others): a reading flowing back before its hold, with no plausible reading recent enough to go on from, makes the
 * cycle conservative for a second or two before the hold names it. Until 2026-12-07 the card judged the causes apart,
 * in another order (CardLoadsTest.aReadingFlowingBackPastItsHoldThatLacksALineIsSaidToFlowBackAsTheAlarmSaysIt).
 */
class UntakenReadingTest {
    private static final Instant AT = Instant.parse("2026-12-07T07:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofSeconds(10);
    private static final Duration RECENT = Duration.ofMillis(80);

    @Test
    void aReadingFlowingBackBeforeItsHoldIsSaidToFlowBack() {
        CycleSeen seen = conservative(new TransformerReading(-12.4, AT, RECENT), null, null, null, null);
        assertThat(ReadingNotTaken.why(seen, STALE_AFTER)).contains(ReadingNotTaken.FLOWS_BACK);
        assertThat(UntakenReading.alarm(ReadingNotTaken.FLOWS_BACK, seen.result(), "gw"))
                .isEqualTo(new AlarmBoard.Condition(AlarmKind.METER_FLOWS_BACK, "gw"));
    }

    @Test
    void aReadingThatIsPlausibleButOldIsStale() {
        CycleSeen old = conservative(new TransformerReading(12.4, AT, Duration.ofSeconds(30)), null, null, null, null);
        assertThat(ReadingNotTaken.why(old, STALE_AFTER)).as("METER_STALE's, FieldAlarms").isEmpty();
        assertThat(ReadingNotTaken.why(conservative(null, null, null, null, null), STALE_AFTER)).as("missing").isEmpty();
    }

    /** The meter fell silent after a reading the cycle refused: stale, whatever the cycle still says of it (read57e). */
    @Test
    void aRefusedReadingOlderThanTheStaleAgeIsStale() {
        ImpossibleReading impossible = new ImpossibleReading("power.total.kw", 1e9, 4000, "kW");
        TransformerReading reading = new TransformerReading(1e9, AT, Duration.ofSeconds(15));
        assertThat(ReadingNotTaken.why(conservative(reading, null, impossible, null, null), STALE_AFTER)).isEmpty();
        assertThat(ReadingNotTaken.why(conservative(reading, null, impossible, null, null), Duration.ofSeconds(15)))
                .as("as old as a stale age allows").contains(ReadingNotTaken.IMPOSSIBLE);
    }

    @Test
    void aReadingTheCycleTookHasNoCause() {
        TransformerReading reading = new TransformerReading(12.4, AT, RECENT);
        CycleResult normal = result(ControlMode.NORMAL, 5, null, null, null, null);
        assertThat(ReadingNotTaken.why(new CycleSeen(AT, reading, List.of(), normal), STALE_AFTER)).isEmpty();
    }

    /**
     * Held past its hold and lacking a line: the cycle says both (a line is judged missing of a reading flowing back
     * held, not of one before its hold), the {@code control.mode} event {@code flowsBack}, and so does the page. The
     * card's own order said LACKS_LINE until 2026-12-07, beside METER_FLOWS_BACK in the alarm list.
     */
    @Test
    void aReadingFlowingBackPastItsHoldThatLacksALineFlowsBack() {
        TransformerReading reading = meterReading(-3, AT, RECENT).phaseKw(Map.of("power.a.kw", 1.0, "power.b.kw", 1.0)).build();
        CycleSeen seen = conservative(reading, new Backflow("power.total.kw", -3), null, null,
                new MeterLines.Missing("power.c.kw"));
        assertThat(ReadingNotTaken.why(seen, STALE_AFTER)).contains(ReadingNotTaken.FLOWS_BACK);
    }

    /** A total that is no number with a phase beyond the bound: the event's {@code notFinite}, before {@code impossible}. */
    @Test
    void aTotalThatIsNoNumberIsSaidSoBeforeAPhaseBeyondTheTransformer() {
        TransformerReading reading = meterReading(Double.NaN, AT, RECENT).phaseKw(Map.of("power.a.kw", 9e6)).build();
        CycleSeen seen = conservative(reading, null, new ImpossibleReading("power.a.kw", 9e6, 1400, "kW"), null, null);
        assertThat(ReadingNotTaken.why(seen, STALE_AFTER)).contains(ReadingNotTaken.NO_NUMBER);
        assertThat(UntakenReading.alarm(ReadingNotTaken.NO_NUMBER, seen.result(), "gw"))
                .isEqualTo(new AlarmBoard.Condition(AlarmKind.METER_READS_NO_NUMBER, "gw"));
    }

    @Test
    void eachCauseIsItsAlarmWithTheQuantityToCheck() {
        TransformerReading reading = meterReading(20, AT, RECENT).phaseKw(Map.of("power.a.kw", 9e6)).build();
        CycleSeen impossible = conservative(reading, null, new ImpossibleReading("power.a.kw", 9e6, 1400, "kW"), null,
                null);
        assertThat(ReadingNotTaken.why(impossible, STALE_AFTER).map(why -> UntakenReading.alarm(why, impossible.result(),
                "gw"))).contains(new AlarmBoard.Condition(AlarmKind.METER_READS_IMPOSSIBLE, "gw", "power.a.kw"));
        CycleSeen lacks = conservative(meterReading(20, AT, RECENT).phaseKw(Map.of("power.a.kw", 6.0)).build(), null, null,
                null, new MeterLines.Missing("current.b.a"));
        assertThat(ReadingNotTaken.why(lacks, STALE_AFTER).map(why -> UntakenReading.alarm(why, lacks.result(), "gw")))
                .contains(new AlarmBoard.Condition(AlarmKind.METER_LACKS_LINE, "gw", "current.b.a"));
        CycleSeen below = conservative(new TransformerReading(0.01, AT, RECENT), null, null, new BelowPiles(0.01, 7), null);
        assertThat(ReadingNotTaken.why(below, STALE_AFTER).map(why -> UntakenReading.alarm(why, below.result(), "gw")))
                .contains(new AlarmBoard.Condition(AlarmKind.METER_BELOW_PILES, "gw"));
    }

    private static CycleSeen conservative(TransformerReading reading, Backflow back, ImpossibleReading impossible,
                                          BelowPiles below, MeterLines.Missing missing) {
        return new CycleSeen(AT, reading, List.of(),
                result(ControlMode.CONSERVATIVE, Double.NaN, back, impossible, below, missing));
    }

    private static CycleResult result(ControlMode mode, double baseKw, Backflow back, ImpossibleReading impossible,
                                      BelowPiles below, MeterLines.Missing missing) {
        return CycleResultBuilder.result(new Allocation(new double[] {0}, new int[] {-1}), mode, baseKw)
                .reasons(List.of(PileReason.METER_STALE)).backflow(back).impossible(impossible).belowPiles(below)
                .linesMissing(missing).build();
    }
}
