package org.orderly.gateway.upstream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
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
    private static final double HOUSEHOLDS_KW = 10;

    private final OnePileCycle one = new OnePileCycle();

    @Test
    void aCarThatFollowedACutBeforeTheReadingItsPileSilentSinceIsNotTakenOffTheHouseholds() {
        cutToSixAmps();

        // A second on: the car followed before the meter was read (100 ms ago); the pile has said nothing since.
        TelemetryBody body = one.telemetry(one.run(HOUSEHOLDS_KW + one.kw(6), Duration.ofMillis(100), one.kw(32), false));
        CapReach reach = CapReach.of(body, null, one.now(), one.now().plusSeconds(60));

        assertThat(body.baseKw()).as("the heavy bound: the cut offer taken off: %s", body).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(reach.leastKw()).as("the households alone, the car sheddable: %s", body)
                .isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
        assertThat(reach.meetable(5)).as("a 5 kW cap: %s", body).isFalse();
    }

    @Test
    void theHouseholdsKeptFromThatReadingKeepTheLeastTotalNotLow() {
        cutToSixAmps();
        one.run(HOUSEHOLDS_KW + one.kw(6), Duration.ofMillis(100), one.kw(32), false);

        // A second on, the meter reads 0.5 kW, below even the 1.32 kW of the cut offer (BelowPiles): the cycle keeps the
        // households of the reading before, its pile still silent.
        TelemetryBody body = one.telemetry(one.run(0.5, Duration.ofMillis(100), one.kw(32), false));

        assertThat(body.transformerKw()).as("the reading not taken: %s", body).isNull();
        assertThat(body.baseKw()).as("the households kept: %s", body).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(body.flex().leastKw()).as("%s", body).isNotNull().isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
    }

    /** The car charging at 32 A, said each second; then the installer limits its pile to 6 A, the car's 32 A said. */
    private void cutToSixAmps() {
        one.chargeAt32(HOUSEHOLDS_KW);
        one.cycle.limitPile(0, 6);
        assertThat(one.run(HOUSEHOLDS_KW + one.kw(32), Duration.ZERO, one.kw(32), true).allocation().amps()[0]).isEqualTo(6);
    }
}
