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
 * A pile falls silent: the control cycle takes it as offline only after {@code control.pileOfflineAfterMs} (70 s) without
 * a report, and each cycle until then sees its last report again. Only what was heard is recorded: the pile's minutes
 * are those it reported in. Control cycles every 5 s on a controlled clock, recorded into a real store: Tuesday from
 * 21:10, the pile reporting 7 kW every 5 s until 21:12:30, silent until 21:15, then heard again.
 */
class SilentPileMinutesTest {
    private static final Instant START = tuesday("21:10");
    private static final Instant LAST_REPORT = tuesday("21:12").plusSeconds(30);
    private static final Instant HEARD_AGAIN = tuesday("21:15");

    @TempDir
    Path dir;

    /**
     * Until 2026-12-04 the 40 s of the silence before the pile was offline were recorded at its last report: a minute
     * 21:13 at 7 kW, and 21:12 with 12 samples where the pile reported 7 times.
     */
    @Test
    void aMinuteThePileWasNotHeardInIsNotRecorded() throws Exception {
        List<MinuteReading> minutes;
        try (RecordedCycles cycles = new RecordedCycles(dir, START, BeijingTariff.ZONE)) {
            PileObservation last = null;
            for (Instant now = START; !now.isAfter(HEARD_AGAIN.plusSeconds(30)); now = now.plusSeconds(5)) {
                boolean heard = !now.isAfter(LAST_REPORT) || !now.isBefore(HEARD_AGAIN);
                PileObservation pile = heard
                        ? observation(0, true, 7, 0.5, now).build()
                        : observation(0, true, last.powerKw(), last.sessionEnergyKWh(), last.readAt())
                                .age(Duration.between(last.readAt(), now)).build();
                last = pile;
                cycles.cycle(now, new TransformerReading(20, now, Duration.ZERO), List.of(pile));
            }
            minutes = cycles.readings("pile-P1", "power.kw", START, HEARD_AGAIN.plusSeconds(60));
        }

        assertThat(minutes).extracting(MinuteReading::minute).as("the minutes the pile reported in")
                .containsExactly(START, tuesday("21:11"), tuesday("21:12"), HEARD_AGAIN);
        assertThat(minutes.get(2).samples()).as("21:12:00 to 21:12:30, each report once").isEqualTo(7);
    }
}
