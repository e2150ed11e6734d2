package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
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
 * A pile whose draw its bus meter ({@code meters.piles[]}) measures: a Modbus pile without a power register, read at
 * each control cycle (every 5 s), its meter read once every 20 s (a round of a slow bus), at second 3, 23 and 43 of
 * each minute, each reading 0.1 kW more than the one before. Its power is recorded once per meter reading, at the
 * meter reading's time. Control cycles on a controlled clock, recorded into a real store: Tuesday from 21:10:05.
 */
class MeteredDrawMinutesTest {
    private static final Instant START = tuesday("21:10").plusSeconds(5);
    private static final Instant FIRST_METER_READ = tuesday("21:10").plusSeconds(3);
    private static final Duration METER_ROUND = Duration.ofSeconds(20);

    /**
     * Until 2026-12-05 the meter's reading was recorded at each of the pile's reports, at the report's time: 21:10 with
     * 11 samples where the meter read 3 times, and its reading at 21:10:43 recorded again at 21:11:00, in 21:11.
     */
    @Test
    void aDrawItsBusMeterMeasuredIsRecordedOncePerMeterReadingAtItsTime(@TempDir Path dir) throws Exception {
        List<MinuteReading> minutes;
        try (RecordedCycles cycles = new RecordedCycles(dir, START, BeijingTariff.ZONE)) {
            for (Instant now = START; now.isBefore(tuesday("21:12")); now = now.plus(RecordedCycles.CYCLE_PERIOD)) {
                long round = Duration.between(FIRST_METER_READ, now).dividedBy(METER_ROUND);
                Instant meterRead = FIRST_METER_READ.plus(METER_ROUND.multipliedBy(round));
                PileObservation pile = observation(0, true, 7 + 0.1 * round, 0.5, now).drawAt(meterRead, Duration.between(meterRead, now))
                        .build();
                cycles.cycle(now, new TransformerReading(20, now, Duration.ZERO), List.of(pile));
            }
            minutes = cycles.readings("pile-P1", "power.kw", tuesday("21:10"), tuesday("21:12"));
        }

        assertThat(minutes).extracting(MinuteReading::minute).containsExactly(tuesday("21:10"), tuesday("21:11"));
        assertThat(minutes).extracting(MinuteReading::samples).as("the meter's readings in each minute")
                .containsExactly(3, 3);
        assertThat(minutes).extracting(MinuteReading::max).as("the last reading in each minute, the one at second 43")
                .containsExactly(7.2, 7.5);
    }

    /**
     * The meter read once, at 21:10:03, and silent after: the cycle takes its reading as the pile's draw for
     * {@code control.staleAfterMs} (the test cycle's 5 s), then the draw is not measured and nothing more is recorded. Until
     * 2026-12-05 its reading held as a pile's report does, until the pile is offline (70 s): the 21:10 minute covered
     * 57 s of a draw measured for 3.
     */
    @Test
    void aBusMeterReadingHoldsAsLongAsTheCycleTakesIt(@TempDir Path dir) throws Exception {
        List<MinuteReading> minutes;
        Duration staleAfter;
        try (RecordedCycles cycles = new RecordedCycles(dir, START, BeijingTariff.ZONE)) {
            staleAfter = cycles.staleAfter();
            for (Instant now = START; now.isBefore(tuesday("21:12")); now = now.plus(RecordedCycles.CYCLE_PERIOD)) {
                boolean fresh = now.isBefore(FIRST_METER_READ.plus(cycles.staleAfter()));
                PileObservation pile = observation(0, true, fresh ? 7 : 0, 0.5, now).drawKnown(fresh)
                        .drawAt(fresh ? FIRST_METER_READ : now, fresh ? Duration.between(FIRST_METER_READ, now) : Duration.ZERO).build();
                cycles.cycle(now, new TransformerReading(20, now, Duration.ZERO), List.of(pile));
            }
            minutes = cycles.readings("pile-P1", "power.kw", tuesday("21:10"), tuesday("21:12"));
        }

        assertThat(minutes).extracting(MinuteReading::minute).containsExactly(tuesday("21:10"));
        assertThat(minutes.get(0).covered()).as("the meter's reading, for as long as the cycle took it")
                .isEqualTo(staleAfter);
    }
}
