package org.orderly.gateway.upstream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
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
import org.orderly.gateway.upstream.command.CapReach;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * The least total now ({@code flex.leastKw}, a cap reply's {@code meetable}) of a car that follows its offer and was
 * cut before the meter was read, its pile silent since: the reading may hold the cut already, and the cycle's heavy
 * bound took off only the cut offer for it. A real cycle with the live policy (5 s to follow); one single-phase pile,
 * the car drawing 32 A (7.04 kW), households 10 kW. Until 2026-12-07 (read59d) the telemetry took the reading to hold
 * the pile's last reported 7.04 kW, the households to hold the 5.72 kW above the cut offer, and took that off them:
 * 4.28 kW where the least is 10, a 5 kW cap answered {@code meetable: true}.
 */
class TelemetryCalculatorLeastOfAFollowingCarTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double HOUSEHOLDS_KW = 10;

    private final Compound compound = CompoundFixtures.compound().limitKw(66).pile("a1", Phase.A, 6, 32, null).build();
    /** 23:30 in Beijing, the valley: the policy charges at once. */
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker();
    private final ControlCycle cycle = CycleBuilder.cycle(compound,
            policyFor(compound, BeijingTariff.tariff(), OrderlySettings.live(1.8)).build(), clock, 8.0).ticker(ticker).build();
    private Instant saidAt;

    @Test
    void aCarThatFollowedACutBeforeTheReadingItsPileSilentSinceIsNotTakenOffTheHouseholds() {
        cutToSixAmps();

        // A second on: the car followed before the meter was read (100 ms ago); the pile has said nothing since.
        TelemetryBody body = telemetry(HOUSEHOLDS_KW + kw(6), Duration.ofMillis(100), kw(32), false);
        CapReach reach = CapReach.of(body, null, clock.instant(), clock.instant().plusSeconds(60));

        assertThat(body.baseKw()).as("the heavy bound: the cut offer taken off: %s", body).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(reach.leastKw()).as("the households alone, the car sheddable: %s", body)
                .isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
        assertThat(reach.meetable(5)).as("a 5 kW cap: %s", body).isFalse();
    }

    @Test
    void theHouseholdsKeptFromThatReadingKeepTheLeastTotalNotLow() {
        cutToSixAmps();
        telemetry(HOUSEHOLDS_KW + kw(6), Duration.ofMillis(100), kw(32), false);

        // A second on, the meter reads 0.5 kW, below even the 1.32 kW of the cut offer (BelowPiles): the cycle keeps the
        // households of the reading before, its pile still silent.
        TelemetryBody body = telemetry(0.5, Duration.ofMillis(100), kw(32), false);

        assertThat(body.transformerKw()).as("the reading not taken: %s", body).isNull();
        assertThat(body.baseKw()).as("the households kept: %s", body).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(body.flex().leastKw()).as("%s", body).isNotNull().isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
    }

    /** The car charging at 32 A, said each second; then the installer limits its pile to 6 A, the car's 32 A said. */
    private void cutToSixAmps() {
        double drewA = 0;
        for (int i = 0; i < 60 && drewA < 32; i++) {
            drewA = run(HOUSEHOLDS_KW + kw(drewA), Duration.ZERO, kw(drewA), true).allocation().amps()[0];
        }
        assertThat(drewA).as("offered 32 A").isEqualTo(32);
        run(HOUSEHOLDS_KW + kw(32), Duration.ZERO, kw(32), true);
        cycle.limitPile(0, 6);
        assertThat(run(HOUSEHOLDS_KW + kw(32), Duration.ZERO, kw(32), true).allocation().amps()[0]).isEqualTo(6);
    }

    private double kw(double amps) {
        return compound.kw(0, amps);
    }

    private TelemetryBody telemetry(double readKw, Duration readAgo, double carKw, boolean newReport) {
        CycleResult result = run(readKw, readAgo, carKw, newReport);
        return new TelemetryCalculator(compound).of(new CycleSeen(clock.instant(), lastReading, lastPiles, result));
    }

    private TransformerReading lastReading;
    private List<PileObservation> lastPiles;

    /**
     * A second on, a cycle with the meter's total {@code readKw} read {@code readAgo}, and the car drawing {@code carKw}
     * as its pile said now ({@code newReport}) or when it last did.
     */
    private CycleResult run(double readKw, Duration readAgo, double carKw, boolean newReport) {
        clock.set(clock.instant().plusSeconds(1));
        ticker.advance(Duration.ofSeconds(1));
        if (newReport) {
            saidAt = clock.instant();
        }
        Duration saidAgo = Duration.between(saidAt, clock.instant());
        lastReading = new TransformerReading(readKw, clock.instant().minus(readAgo), readAgo);
        lastPiles = List.of(observation(0, true, carKw, 0, saidAt).age(saidAgo).build());
        return cycle.run(lastReading, lastPiles, List.of());
    }
}
