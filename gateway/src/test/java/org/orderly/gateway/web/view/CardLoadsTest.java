package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
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
import org.orderly.gateway.app.live.MeterLines;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.ReadingNotTaken;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.PileReason;

/**
 * The card shows a cycle's reading as the transformer's load only where the cycle took its households from it. A
 * reading below what the piles alone drew, or flowing back to the grid before its hold, the cycle answers with the
 * households of an earlier reading (as ControlCycle returns it: normal mode, that households' load); beside this reading
 * they could read above the whole transformer.
 */
class CardLoadsTest {
    private static final Instant AT = Instant.parse("2026-12-06T20:00:00Z");
    /** The households as an earlier reading had them, which the cycle kept. */
    private static final double KEPT_KW = 8;
    /** How old a reading may be and be one the meter answered now, as the control loop's stale age. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(10);
    /** One car drawing 7 kW by its pile's report. */
    private static final List<PileObservation> CAR = List.of(observation(0, true, 7, 1, AT).build());

    @Test
    void aReadingTheHouseholdsWereTakenFromIsShown() {
        CardLoads loads = CardLoads.of(seen(15, Map.of(), null), STALE_AFTER);
        assertThat(loads.transformerKw()).isEqualTo(15.0);
        assertThat(loads.baseKw()).isEqualTo(KEPT_KW);
        assertThat(loads.notTaken()).as("nothing to say why: it is shown").isNull();
    }

    @Test
    void aReadingBelowThePilesDrawIsNotShownBesideTheHouseholdsKeptFromAnEarlierOne() {
        CardLoads loads = CardLoads.of(seen(2, Map.of(), new BelowPiles(2, 7)), STALE_AFTER);
        assertThat(loads.transformerKw()).as("a reading below the piles' draw, households kept from before").isNull();
        assertThat(loads.baseKw()).isEqualTo(KEPT_KW);
        // The meter's status is FRESH (normal mode): the card says why from this (until 2026-12-07 no line of why).
        assertThat(loads.notTaken()).isEqualTo(ReadingNotTaken.BELOW_PILES);
    }

    @Test
    void aReadingFlowingBackBeforeItsHoldIsNotShownBesideTheHouseholdsKeptFromAnEarlierOne() {
        CardLoads loads = CardLoads.of(seen(6, Map.of("power.a.kw", -2.0), null), STALE_AFTER);
        assertThat(loads.transformerKw()).as("a reading flowing back on a phase, not yet for its hold").isNull();
        assertThat(loads.baseKw()).isEqualTo(KEPT_KW);
        assertThat(loads.notTaken()).isEqualTo(ReadingNotTaken.FLOWS_BACK);
    }

    /**
     * A reading lacking a line its map reads, for longer than a reading may be old: the cycle runs conservatively, and
     * the meter's status says STALE, which the reading, recent, is not. The card says why from the cycle's result
     * ({@code CycleResult#linesMissing}, as ControlCycleLineTest has the cycle say it); until 2026-12-07 it said stale.
     */
    @Test
    void aReadingLackingALineIsSaidSoNotStale() {
        TransformerReading reading = meterReading(20, AT, Duration.ofMillis(200)).phaseKw(Map.of("power.b.kw", 2.0, "power.c.kw", 2.0))
                .build();
        CycleResult result = conservative(null, new MeterLines.Missing("power.a.kw"));
        CardLoads loads = CardLoads.of(new CycleSeen(AT, reading, CAR, result), STALE_AFTER);
        assertThat(loads.transformerKw()).isNull();
        assertThat(loads.notTaken()).as("why the card shows no load").isEqualTo(ReadingNotTaken.LACKS_LINE);
    }

    /**
     * Flowing back past its hold and lacking a line (a line is judged missing of a reading flowing back held): the
     * cycle's {@code control.mode} event says it flows back, and so does the alarm, METER_FLOWS_BACK. The card says the
     * same cause, judged once with the alarm (ReadingNotTaken.why); until 2026-12-07 its own order said LACKS_LINE.
     */
    @Test
    void aReadingFlowingBackPastItsHoldThatLacksALineIsSaidToFlowBackAsTheAlarmSaysIt() {
        TransformerReading reading = meterReading(-3, AT, Duration.ofMillis(200)).phaseKw(Map.of("power.a.kw", 1.0, "power.b.kw", 1.0))
                .build();
        CardLoads loads = CardLoads.of(new CycleSeen(AT, reading, CAR, conservative(new Backflow("power.total.kw", -3),
                new MeterLines.Missing("power.c.kw"))), STALE_AFTER);
        assertThat(loads.notTaken()).isEqualTo(ReadingNotTaken.FLOWS_BACK);
    }

    /**
     * A total that is no number (METER_READS_NO_NUMBER standing), and one flowing back before its hold with no plausible
     * reading recent enough to go on from (conservative mode, METER_FLOWS_BACK standing): the card says why as the alarm
     * does. Until 2026-12-07 it said nothing of either ({@code readingNotTaken} null), the meter's status STALE.
     */
    @Test
    void aTotalThatIsNoNumberOrFlowingBackBeforeItsHoldSaysWhyAsTheAlarmDoes() {
        CycleResult conservative = conservative(null, null);
        TransformerReading noNumber = new TransformerReading(Double.NaN, AT, Duration.ofMillis(200));
        assertThat(CardLoads.of(new CycleSeen(AT, noNumber, CAR, conservative), STALE_AFTER).notTaken())
                .isEqualTo(ReadingNotTaken.NO_NUMBER);
        TransformerReading flowing = new TransformerReading(-4, AT, Duration.ofMillis(200));
        assertThat(CardLoads.of(new CycleSeen(AT, flowing, CAR, conservative), STALE_AFTER).notTaken())
                .isEqualTo(ReadingNotTaken.FLOWS_BACK);
    }

    /**
     * A total that is no number, older than the stale age: the meter has not answered it now, and the card says no cause
     * (the meter's status says stale, the alarm METER_STALE), as the overview judges it. Until 2026-12-07 the tests of
     * the card judged its cause by a form of their own that took a reading of any age, which the overview never does.
     */
    @Test
    void aReadingNotTakenOlderThanTheStaleAgeHasNoCause() {
        TransformerReading old = new TransformerReading(Double.NaN, AT, STALE_AFTER.plusMillis(1));
        assertThat(CardLoads.of(new CycleSeen(AT, old, CAR, conservative(null, null)), STALE_AFTER).notTaken())
                .as("a total no number, older than the stale age").isNull();
        TransformerReading recent = new TransformerReading(Double.NaN, AT, STALE_AFTER);
        assertThat(CardLoads.of(new CycleSeen(AT, recent, CAR, conservative(null, null)), STALE_AFTER).notTaken())
                .as("a total no number, as old as the stale age").isEqualTo(ReadingNotTaken.NO_NUMBER);
    }

    private static CycleResult conservative(Backflow back, MeterLines.Missing missing) {
        return CycleResultBuilder.result(new Allocation(new double[] {8}, new int[] {-1}), ControlMode.CONSERVATIVE,
                Double.NaN).reasons(List.of(PileReason.METER_STALE)).backflow(back).linesMissing(missing).build();
    }

    private static CycleSeen seen(double totalKw, Map<String, Double> phaseKw, BelowPiles below) {
        TransformerReading reading = meterReading(totalKw, AT, Duration.ofMillis(200)).phaseKw(phaseKw).build();
        CycleResult result = CycleResultBuilder.result(new Allocation(new double[] {32}, new int[] {-1}),
                ControlMode.NORMAL, KEPT_KW).reasons(List.of(PileReason.NONE)).householdFigure(HouseholdFigure.MEASURED)
                .belowPiles(below).build();
        return new CycleSeen(AT, reading, CAR, result);
    }
}
