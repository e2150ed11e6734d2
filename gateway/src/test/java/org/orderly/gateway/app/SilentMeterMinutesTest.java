package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.store.MinuteReading;

/**
 * A transformer meter that stops answering leaves its last reading in place, and each cycle sees it again. The minutes
 * it was silent have no transformer value in the store (what the upstream history answer and the page's chart read),
 * as telemetry says null for them; they are not filled with its last value.
 */
class SilentMeterMinutesTest {
    private static final Instant START = Instant.parse("2026-01-13T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void minutesInWhichTheMeterGaveNoNewReadingHaveNoTransformerValue() throws Exception {
        try (RecordedCycles cycles = new RecordedCycles(dir, START, ZoneOffset.UTC)) {
            Instant start = START;
            Instant lastRead = start;
            for (int s = 0; s < 240; s++) {
                Instant now = start.plusSeconds(s);
                // Read every second but in the second and third minute, when the meter does not answer.
                boolean answers = s < 60 || s >= 180;
                if (answers) {
                    lastRead = now;
                }
                TransformerReading reading = new TransformerReading(s < 180 ? 20 : 30, lastRead,
                        Duration.between(lastRead, now));
                cycles.cycle(now, reading, List.of(observation(0, false, 0, 0, now).build()));
            }
            List<MinuteReading> minutes = cycles.readings("transformer", "power.total.kw", start,
                    start.plus(Duration.ofMinutes(4)));
            assertThat(minutes).extracting(MinuteReading::minute)
                    .containsExactly(start, start.plus(Duration.ofMinutes(3)));
            assertThat(minutes).extracting(MinuteReading::mean).containsExactly(20.0, 30.0);
        }
    }
}
