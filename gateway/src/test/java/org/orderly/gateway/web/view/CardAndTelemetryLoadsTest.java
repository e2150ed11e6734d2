package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.upstream.message.TelemetryBody;
import org.orderly.gateway.upstream.telemetry.TelemetryCalculator;

/**
 * The page's card and the upstream telemetry say one cycle's EV load by one rule ({@link CycleSeen#evLoad}), and its
 * transformer load and households too, the clock set or not ({@link CycleSeen#taken}, {@link CycleSeen#households}). Until
 * 2026-12-07 each summed it by its own: a pile not heard from since the start was left out of the card's and counted in
 * the telemetry's, and a draw that is no number was 0 on the card and made the telemetry's {@code evKw} no number. The
 * field never hands either over live ({@code FieldView} gives a pile not heard from 0 kW, and every draw finite), so the
 * figures sent agreed; a cycle handed over another way (a test's, a driver's to come) gave two.
 */
class CardAndTelemetryLoadsTest {
    private static final Instant AT = Instant.parse("2026-12-07T03:30:00Z");
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100)
            .pile("p0", Phase.ABC, null).pile("p1", Phase.ABC, null).pile("p2", Phase.ABC, null).build();

    /** p0 heard drawing 7 kW it measured; p1 not heard from since the start, yet saying 2 kW it did not measure. */
    @Test
    void aPileNotHeardFromYetIsLeftOutOfBoth() {
        PileObservation notHeard = observation(1, true, 2.0, 0, AT).reported(false).drawKnown(false).build();
        agree(List.of(measured(0, 7.0), notHeard, measured(2, 0)), 7.0, 0.0);
    }

    /** p1 heard, its draw no number (a measurement that failed): no draw, not a sum that is none. */
    @Test
    void aDrawThatIsNoNumberCountsAsNoneInBoth() {
        agree(List.of(measured(0, 7.0), measured(1, Double.NaN), measured(2, 0)), 7.0, 0.0);
    }

    /** An offline pile's last report is left out of both, as before: the cycle counts its draw as the households'. */
    @Test
    void anOfflinePilesLastReportIsLeftOutOfBoth() {
        PileObservation estimated = observation(2, true, 3.5, 0, AT).drawKnown(false).build();
        agree(List.of(measured(0, 7.0), measured(1, 4.0), estimated), 10.5, 3.5, PileReason.NONE,
                PileReason.PILE_OFFLINE, PileReason.NONE);
    }

    /**
     * With the clock not set the cycle takes a fresh reading as in normal mode (docs/operations.md, "The clock"): the
     * card shows its load and the households kept to, and so does the telemetry now, by one rule
     * ({@link CycleSeen#taken}, {@link CycleSeen#households}). Until 2026-12-07 the telemetry sent both null.
     */
    @Test
    void withTheClockNotSetAFreshReadingIsSaidByBoth() {
        CycleSeen seen = seen(ControlMode.CLOCK_NOT_SET, 30, List.of(measured(0, 7.0), measured(1, 0), measured(2, 0)),
                List.of(PileReason.CLOCK_NOT_SET, PileReason.NONE, PileReason.NONE));
        CardLoads card = CardLoads.of(seen, Duration.ofSeconds(10));
        TelemetryBody telemetry = new TelemetryCalculator(COMPOUND).of(seen);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(card.transformerKw()).as("the card's transformerKw").isEqualTo(40.0);
        soft.assertThat(telemetry.transformerKw()).as("telemetry's transformerKw").isEqualTo(card.transformerKw());
        soft.assertThat(card.baseKw()).as("the card's baseKw").isEqualTo(30.0);
        soft.assertThat(telemetry.baseKw()).as("telemetry's baseKw").isEqualTo(card.baseKw());
        soft.assertThat(telemetry.baseBound()).as("telemetry's baseBound").isEqualTo(card.baseBound()).isFalse();
        soft.assertThat(telemetry.headroomKw()).as("telemetry's headroomKw").isEqualTo(60.0);
        soft.assertThat(telemetry.flex().addKw()).as("telemetry's flex.addKw").isNotNull();
        soft.assertThat(telemetry.mode()).as("telemetry's mode, as the schema has it").isEqualTo("conservative");
        soft.assertAll();
    }

    /** With the clock not set and the reading stale the cycle knows neither: both say none, as before. */
    @Test
    void withTheClockNotSetAStaleReadingIsSaidByNeither() {
        CycleSeen seen = seen(ControlMode.CLOCK_NOT_SET, Double.NaN, List.of(measured(0, 7.0), measured(1, 0),
                measured(2, 0)), List.of(PileReason.METER_STALE, PileReason.NONE, PileReason.NONE));
        CardLoads card = CardLoads.of(seen, Duration.ofSeconds(10));
        TelemetryBody telemetry = new TelemetryCalculator(COMPOUND).of(seen);
        assertThat(card.transformerKw()).isNull();
        assertThat(card.baseKw()).isNull();
        assertThat(telemetry.transformerKw()).isNull();
        assertThat(telemetry.baseKw()).isNull();
        assertThat(telemetry.flex().addKw()).isNull();
    }

    private static CycleSeen seen(ControlMode mode, double baseKw, List<PileObservation> piles, List<PileReason> why) {
        return new CycleSeen(AT, new TransformerReading(40, AT, Duration.ZERO), piles,
                CycleResultBuilder.measured(new Allocation(new double[] {10, 10, 10}, new int[] {-1, -1, -1}), mode, baseKw, why,
                        List.of()));
    }

    private static void agree(List<PileObservation> piles, double evKw, double unmeasuredKw, PileReason... reasons) {
        List<PileReason> why = reasons.length == 0 ? List.of(PileReason.NONE, PileReason.NONE, PileReason.NONE)
                : List.of(reasons);
        CycleSeen seen = seen(ControlMode.NORMAL, 30, piles, why);
        CardLoads card = CardLoads.of(seen, Duration.ofSeconds(10));
        TelemetryBody telemetry = new TelemetryCalculator(COMPOUND).of(seen);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(telemetry.evKw()).as("telemetry's evKw").isEqualTo(evKw);
        soft.assertThat(card.evKw()).as("the card's evKw").isEqualTo(evKw);
        soft.assertThat(telemetry.evUnmeasuredKw()).as("telemetry's evUnmeasuredKw").isEqualTo(unmeasuredKw);
        soft.assertThat(card.evUnmeasuredKw()).as("the card's evUnmeasuredKw").isEqualTo(unmeasuredKw);
        soft.assertThat(telemetry.flex().addKw()).as("telemetry's flex.addKw").isNotNaN();
        soft.assertAll();
        assertThat(card.evKw()).as("card and telemetry, one cycle").isEqualTo(telemetry.evKw());
    }

    private static PileObservation measured(int pile, double kw) {
        return observation(pile, kw > 0 || Double.isNaN(kw), kw, 0, AT).build();
    }
}
