package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.store.MinuteReading;

/**
 * The recorded household load says how much of each minute's mean is a bound, not a measurement
 * ({@code base.bound.kw}, docs/architecture.md "Households that are a bound"), as telemetry's {@code baseBound} says it of
 * one cycle. Control cycles every 5 s on a controlled clock, recorded into a real store: Tuesday from 21:10, the
 * transformer at 20 kW, a car plugged in drawing 7 kW, its pile saying so but from 21:11:00 to 21:11:30, when it says
 * nothing of its draw (a Modbus map without a power register): the car's 7 kW is then in the households' 20 kW, a
 * bound. Until 2026-12-06 minute 21:11 said 16.5 kW of households with nothing telling its half bound apart.
 */
class BoundHouseholdsMinutesTest {
    private static final Instant START = tuesday("21:10");
    private static final Instant SILENT = tuesday("21:11");
    private static final Instant SAYS_AGAIN = SILENT.plusSeconds(30);
    private static final Instant END = tuesday("21:13");

    @Test
    void aMinuteHalfBoundSaysWhichPartOfItsHouseholdsIsABound(@TempDir Path dir) throws Exception {
        List<MinuteReading> base;
        List<MinuteReading> bound;
        try (RecordedCycles cycles = new RecordedCycles(dir, START, BeijingTariff.ZONE)) {
            for (Instant now = START; now.isBefore(END); now = now.plusSeconds(5)) {
                boolean says = now.isBefore(SILENT) || !now.isBefore(SAYS_AGAIN);
                PileObservation pile = observation(0, true, says ? 7 : 0, 0.5, now).drawKnown(says).build();
                cycles.cycle(now, new TransformerReading(20, now, Duration.ZERO), List.of(pile));
            }
            base = cycles.readings("compound", "base.kw", START, tuesday("21:12"));
            bound = cycles.readings("compound", "base.bound.kw", START, tuesday("21:12"));
        }

        assertThat(base).extracting(MinuteReading::minute).containsExactly(START, SILENT);
        assertThat(base.get(0).mean()).as("21:10, measured").isCloseTo(13.0, within(1e-9));
        assertThat(base.get(1).mean()).as("21:11: half 13 measured, half the 20 of the bound").isCloseTo(16.5, within(1e-9));
        assertThat(bound).extracting(MinuteReading::minute).as("a minute of it beside each of the households'")
                .containsExactly(START, SILENT);
        assertThat(bound.get(0).mean()).as("21:10: none of it a bound").isCloseTo(0.0, within(1e-9));
        assertThat(bound.get(1).mean()).as("21:11: of its 16.5 kW, the 20 kW bound half the minute").isCloseTo(10.0,
                within(1e-9));
    }
}
