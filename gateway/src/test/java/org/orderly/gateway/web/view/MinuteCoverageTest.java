package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.store.MinuteReading;

class MinuteCoverageTest {
    private static final Instant MINUTE = Instant.parse("2026-12-01T14:00:00Z");

    /** A minute stored before migration 11 does not say what it covers: its cycles times the period do, as before. */
    @Test
    void aMinuteThatDoesNotSayWhatItCoversIsItsCyclesTimesThePeriod() {
        MinuteCoverage coverage = new MinuteCoverage(
                List.of(new MinuteReading("pile-P0", "setpoint.a", MINUTE, 32, 32, 32, 7, null)), Duration.ofSeconds(1));

        MinuteReading before11 = new MinuteReading("pile-P0", "power.kw", MINUTE, 0, 3, 7, 7, null);
        MinuteReading coveredNothing = new MinuteReading("pile-P0", "power.kw", MINUTE, 0, 3, 7, 1, Duration.ZERO);
        MinuteReading noCycles = new MinuteReading("pile-P0", "power.kw", MINUTE.plusSeconds(60), 7, 7, 7, 12, null);
        assertThat(coverage.fraction(before11)).as("7 cycles of 1 s").isCloseTo(7 / 60.0, within(1e-12));
        assertThat(coverage.fraction(coveredNothing)).as("covered 0 s").isCloseTo(7 / 60.0, within(1e-12));
        assertThat(coverage.fraction(noCycles)).as("no cycle recorded").isEqualTo(1);
    }

    @Test
    void aMinuteThatSaysWhatItCoversCountsThat() {
        MinuteCoverage coverage = new MinuteCoverage(
                List.of(new MinuteReading("pile-P0", "setpoint.a", MINUTE, 32, 32, 32, 60, null)), Duration.ofSeconds(1));

        MinuteReading twentySeconds = new MinuteReading("pile-P0", "power.kw", MINUTE, 6, 6, 6, 1,
                Duration.ofSeconds(20));
        assertThat(coverage.fraction(twentySeconds)).isCloseTo(20 / 60.0, within(1e-12));
    }
}
