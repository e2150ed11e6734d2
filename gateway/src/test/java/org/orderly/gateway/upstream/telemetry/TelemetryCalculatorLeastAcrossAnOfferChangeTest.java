package org.orderly.gateway.upstream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
    private static final double HOUSEHOLDS_KW = 10;
    /** The meter read 100 ms before a cycle. */
    private static final Duration JUST = Duration.ofMillis(100);

    private final OnePileCycle one = new OnePileCycle();

    @Test
    void aCarCutAndRaisedAgainReportedAtItsOldDrawAfterTheReadingIsNotTakenOffTheHouseholds() {
        one.chargeAt32(HOUSEHOLDS_KW);
        // Cut to 6 A; a second on the car has followed, before the meter was read (100 ms ago), its pile silent.
        one.cycle.limitPile(0, 6);
        assertThat(one.run(HOUSEHOLDS_KW + kw(32), JUST, kw(32), true).allocation().amps()[0]).isEqualTo(6);
        one.run(HOUSEHOLDS_KW + kw(6), JUST, kw(32), false);
        // Raised again; the next second the pile says 32 A, the meter not read since: that reading held the cut.
        one.cycle.limitPile(0, 32);
        assertThat(one.run(HOUSEHOLDS_KW + kw(6), JUST, kw(32), false).allocation().amps()[0]).isEqualTo(32);
        TelemetryBody body = one.telemetry(one.runUnread(kw(32), true));

        assertThat(body.baseKw()).as("the cycle's households: %s", body).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(body.flex().leastKw()).as("the households alone, the car sheddable: %s", body)
                .isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
    }

    @ParameterizedTest(name = "the reading holding the car at {0} A")
    @ValueSource(doubles = {32, 6})
    void aCutSentBeforeTheReadingAndReportedAfterItLeavesTheLeastTotalTheHouseholds(double inTheReadingA) {
        one.chargeAt32(HOUSEHOLDS_KW);
        one.cycle.limitPile(0, 6);
        assertThat(one.run(HOUSEHOLDS_KW + kw(32), JUST, kw(32), true).allocation().amps()[0]).isEqualTo(6);
        // The meter read after the cut was sent, the car following it then or not yet; its pile silent.
        TelemetryBody before = one.telemetry(one.run(HOUSEHOLDS_KW + kw(inTheReadingA), JUST, kw(32), false));
        // A second on, the pile says 6 A, the meter not read since.
        TelemetryBody after = one.telemetry(one.runUnread(kw(6), true));

        assertThat(before.flex().leastKw()).as("before the pile said the fall: %s", before).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(after.flex().leastKw()).as("after: %s", after).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
    }

    @ParameterizedTest(name = "the reading holding the car at {0} A")
    @ValueSource(doubles = {6, 32})
    void aRaiseSentBeforeTheReadingAndReportedAfterItLeavesTheLeastTotalTheHouseholds(double inTheReadingA) {
        one.chargeAt32(HOUSEHOLDS_KW);
        one.cycle.limitPile(0, 6);
        one.run(HOUSEHOLDS_KW + kw(32), JUST, kw(32), true);
        for (int i = 0; i < 10; i++) {
            one.run(HOUSEHOLDS_KW + kw(6), JUST, kw(6), true);
        }
        one.cycle.limitPile(0, 32);
        assertThat(one.run(HOUSEHOLDS_KW + kw(6), JUST, kw(6), true).allocation().amps()[0]).isEqualTo(32);
        // The meter read after the raise was sent, the car risen then or not yet; its pile silent; then it says 32 A.
        one.run(HOUSEHOLDS_KW + kw(inTheReadingA), JUST, kw(6), false);
        TelemetryBody after = one.telemetry(one.runUnread(kw(32), true));

        assertThat(after.flex().leastKw()).as("%s", after).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
    }

    private double kw(double amps) {
        return one.kw(amps);
    }
}
