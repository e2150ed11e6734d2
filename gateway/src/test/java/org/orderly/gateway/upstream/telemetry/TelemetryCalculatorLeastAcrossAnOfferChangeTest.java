package org.orderly.gateway.upstream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * The least total now ({@code flex.leastKw}) of a car that follows its offer, across a change of its offer near the
 * meter's reading: the car sheddable, the least total is the households'. A real cycle with the live policy (5 s to
 * follow); one single-phase pile, the car drawing 32 A (7.04 kW), households 10 kW.
 *
 * <p>Cut and raised again within seconds, its pile's next report, after the reading, saying its old draw: the report
 * does not say the car drew so through the reading, which may hold the cut. Until 2026-12-07 (flex60) it was taken as
 * the step going on past the reading: the cycle took the car's 7.04 kW off a reading that held 1.32 of it, and its
 * households and the least total were 4.28 kW for 10.
 *
 * <p>A change that straddles the reading (sent before the meter was read, the car's step reported after it), the
 * reading holding the car before its step or after it: the least total is the households' either way.
 */
class TelemetryCalculatorLeastAcrossAnOfferChangeTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double HOUSEHOLDS_KW = 10;

    private final Compound compound = CompoundFixtures.compound().limitKw(66).pile("a1", Phase.A, 6, 32, null).build();
    /** 23:30 in Beijing, the valley: the policy charges at once. */
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker();
    private final ControlCycle cycle = CycleBuilder.cycle(compound,
            new OrderlyPolicy(compound, BeijingTariff.tariff(), OrderlySettings.live(1.8)), clock, 8.0).ticker(ticker).build();
    private Instant saidAt;
    private Instant readAt;

    @Test
    void aCarCutAndRaisedAgainReportedAtItsOldDrawAfterTheReadingIsNotTakenOffTheHouseholds() {
        chargeAt32();
        // Cut to 6 A; a second on the car has followed, before the meter was read (100 ms ago), its pile silent.
        cycle.limitPile(0, 6);
        assertThat(run(HOUSEHOLDS_KW + kw(32), true, kw(32), true).allocation().amps()[0]).isEqualTo(6);
        run(HOUSEHOLDS_KW + kw(6), true, kw(32), false);
        // Raised again; the next second the pile says 32 A, the meter not read since: that reading held the cut.
        cycle.limitPile(0, 32);
        assertThat(run(HOUSEHOLDS_KW + kw(6), true, kw(32), false).allocation().amps()[0]).isEqualTo(32);
        TelemetryBody body = telemetry(kw(32));

        assertThat(body.baseKw()).as("the cycle's households: %s", body).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(body.flex().leastKw()).as("the households alone, the car sheddable: %s", body)
                .isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
    }

    @ParameterizedTest(name = "the reading holding the car at {0} A")
    @ValueSource(doubles = {32, 6})
    void aCutSentBeforeTheReadingAndReportedAfterItLeavesTheLeastTotalTheHouseholds(double inTheReadingA) {
        chargeAt32();
        cycle.limitPile(0, 6);
        assertThat(run(HOUSEHOLDS_KW + kw(32), true, kw(32), true).allocation().amps()[0]).isEqualTo(6);
        // The meter read after the cut was sent, the car following it then or not yet; its pile silent.
        CycleResult silent = run(HOUSEHOLDS_KW + kw(inTheReadingA), true, kw(32), false);
        TelemetryBody before = new TelemetryCalculator(compound).of(new CycleSeen(clock.instant(), lastReading, lastPiles, silent));
        // A second on, the pile says 6 A, the meter not read since.
        TelemetryBody after = telemetry(kw(6));

        assertThat(before.flex().leastKw()).as("before the pile said the fall: %s", before).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(after.flex().leastKw()).as("after: %s", after).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
    }

    @ParameterizedTest(name = "the reading holding the car at {0} A")
    @ValueSource(doubles = {6, 32})
    void aRaiseSentBeforeTheReadingAndReportedAfterItLeavesTheLeastTotalTheHouseholds(double inTheReadingA) {
        chargeAt32();
        cycle.limitPile(0, 6);
        run(HOUSEHOLDS_KW + kw(32), true, kw(32), true);
        for (int i = 0; i < 10; i++) {
            run(HOUSEHOLDS_KW + kw(6), true, kw(6), true);
        }
        cycle.limitPile(0, 32);
        assertThat(run(HOUSEHOLDS_KW + kw(6), true, kw(6), true).allocation().amps()[0]).isEqualTo(32);
        // The meter read after the raise was sent, the car risen then or not yet; its pile silent; then it says 32 A.
        run(HOUSEHOLDS_KW + kw(inTheReadingA), true, kw(6), false);
        TelemetryBody after = telemetry(kw(32));

        assertThat(after.flex().leastKw()).as("%s", after).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
    }

    /** The car charging at 32 A, said each second, the meter read each second. */
    private void chargeAt32() {
        double drewA = 0;
        for (int i = 0; i < 60 && drewA < 32; i++) {
            drewA = run(HOUSEHOLDS_KW + kw(drewA), true, kw(drewA), true).allocation().amps()[0];
        }
        assertThat(drewA).as("offered 32 A").isEqualTo(32);
        run(HOUSEHOLDS_KW + kw(32), true, kw(32), true);
    }

    private double kw(double amps) {
        return compound.kw(0, amps);
    }

    /** A second on, the meter not read again, the pile saying the car draws {@code carKw} now. */
    private TelemetryBody telemetry(double carKw) {
        CycleResult result = run(lastReading.totalKw(), false, carKw, true);
        return new TelemetryCalculator(compound).of(new CycleSeen(clock.instant(), lastReading, lastPiles, result));
    }

    private TransformerReading lastReading;
    private List<PileObservation> lastPiles;

    /**
     * A second on, a cycle with the meter's total {@code readKw}, read 100 ms ago ({@code newReading}) or when it last
     * was, and the car drawing {@code carKw} as its pile said now ({@code newReport}) or when it last did.
     */
    private CycleResult run(double readKw, boolean newReading, double carKw, boolean newReport) {
        clock.set(clock.instant().plusSeconds(1));
        ticker.advance(Duration.ofSeconds(1));
        if (newReport) {
            saidAt = clock.instant();
        }
        if (newReading) {
            readAt = clock.instant().minusMillis(100);
        }
        Duration saidAgo = Duration.between(saidAt, clock.instant());
        lastReading = new TransformerReading(readKw, readAt, Duration.between(readAt, clock.instant()));
        lastPiles = List.of(new PileObservation(0, true, carKw, 0, saidAt, true, Optional.empty(), saidAgo));
        return cycle.run(lastReading, lastPiles, List.of());
    }
}
