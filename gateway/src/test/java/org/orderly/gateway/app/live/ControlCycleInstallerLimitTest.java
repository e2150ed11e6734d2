package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * {@link CycleResult#installerA()}, where it is made: every mode's cycle says the installer's limit it kept to, per pile
 * that has one, a pause as 0 and a lifted limit as none; the page's row ({@code limitAmps}) says what it is given here.
 * Three 6..32 A piles, each with a car: p0 limited to 10 A, p1 paused, p2's limit set and lifted.
 */
class ControlCycleInstallerLimitTest {
    private static final Duration STALE_AFTER = Duration.ofSeconds(5);

    private final Compound compound = CompoundFixtures.compound().limitKw(200)
            .pile("P0", Phase.A, null).pile("P1", Phase.B, null).pile("P2", Phase.C, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZoneId.of("Asia/Shanghai"));
    private final TestTicker ticker = new TestTicker(1_000_000_000L);

    @ParameterizedTest
    @EnumSource(value = ControlMode.class, names = {"NORMAL", "CONSERVATIVE", "CLOCK_NOT_SET"})
    void everyModeSaysTheInstallersLimitsItKeptTo(ControlMode mode) {
        // The clock not set: a floor after now. Conservative: a transformer reading older than STALE_AFTER.
        ClockFloor floor = mode == ControlMode.CLOCK_NOT_SET
                ? new ClockFloor(clock.instant().plusSeconds(3600), "a test's floor") : ClockFloor.NONE;
        ControlCycle cycle = CycleBuilder.cycle(compound,
                policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build(), clock, 10)
                .staleAfter(STALE_AFTER).clockFloor(floor).ticker(ticker).build();
        cycle.limitPile(0, 10);
        cycle.limitPile(1, 0);
        cycle.limitPile(2, 16);
        cycle.limitPile(2, Double.POSITIVE_INFINITY);

        Duration age = mode == ControlMode.CONSERVATIVE ? STALE_AFTER.plusSeconds(1) : Duration.ZERO;
        List<PileObservation> piles = List.of(
                observation(0, true, 0, 1, clock.instant()).build(),
                observation(1, true, 0, 1, clock.instant()).build(),
                observation(2, true, 0, 1, clock.instant()).build());
        CycleResult r = cycle.run(new TransformerReading(20, clock.instant().minus(age), age), piles, List.of());

        assertThat(r.mode()).isEqualTo(mode);
        assertThat(r.installerA()).as("p0 at 10 A, p1 paused (0), p2's limit lifted").isEqualTo(Map.of(0, 10.0, 1, 0.0));
        assertThat(r.allocation().amps()[1]).as("the paused pile given nothing").isZero();
        assertThat(r.allocation().amps()[0]).as("p0 within its limit").isLessThanOrEqualTo(10);
    }
}
