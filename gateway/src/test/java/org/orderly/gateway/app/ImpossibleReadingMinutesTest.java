package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.MeterLines;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.store.MinuteReading;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;

/**
 * A transformer meter answering a total no transformer can carry (seen live: 1e12 W, 1e9 kW, with 30 A on each phase,
 * a map of the wrong type or scale) gives no reading: the cycle is conservative, one line says the quantity, the value,
 * the bound and what to check, and the value is not stored (what the chart, the day's figures and the history answer
 * read). Until 2026-12-05 it was "conservative -> normal: transformer reading fresh" and stored.
 */
class ImpossibleReadingMinutesTest {
    private static final Instant START = Instant.parse("2026-12-05T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aGigawattTotalIsNoReadingNotStoredAndSaidOnce() throws Exception {
        try (RecordedCycles cycles = new RecordedCycles(dir, START, ZoneOffset.UTC)) {
            Map<String, Double> amps = Map.of("current.a.a", 30.0, "current.b.a", 30.0, "current.c.a", 30.0);
            for (int s = 0; s < 120; s += 5) {
                Instant now = START.plusSeconds(s);
                TransformerReading reading = meterReading(s < 60 ? 20 : 1e9, now, Duration.ZERO).phaseKw(Map.of()).lines(MeterLines.UNREAD)
                        .phaseA(amps).build();
                cycles.cycle(now, reading, List.of(observation(0, false, 0, 0, now).build()));
            }
            cycles.flush();
            try (StoreReader reader = cycles.store.reader()) {
                List<StoreEvent> modes = reader.events(START, START.plusSeconds(120)).stream()
                        .filter(e -> e.kind().equals(CycleRecorder.MODE_EVENT)).toList();
                assertThat(modes).extracting(StoreEvent::message).containsExactly(
                        "start -> normal: transformer reading fresh",
                        "normal -> conservative: transformer reading impossible: power.total.kw = 1.0E9 kW is more than"
                                + " the transformer can carry (bound 300 kW, 3 times its limit); check the meter's"
                                + " register map (type, scale, word order) and the CT ratio (read at 2026-12-05T06:01:00Z)");
                assertThat(modes.get(1).args()).containsEntry("form", "impossible");
            }
            List<MinuteReading> minutes = cycles.readings("transformer", "power.total.kw", START,
                    START.plus(Duration.ofMinutes(2)));
            assertThat(minutes).extracting(MinuteReading::minute).containsExactly(START);
            assertThat(minutes).extracting(MinuteReading::mean).containsExactly(20.0);
        }
    }
}
