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
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.store.MinuteReading;

/**
 * A pile that goes silent while its car draws is offline once its report is older than the offline time; the control
 * cycle then counts what it may draw in the household load. The recorded EV load (the upstream history answer's
 * {@code evKw}) leaves its last report out, as telemetry's {@code evKw} does, so that it is not counted twice.
 */
class OfflinePileMinutesTest {
    private static final Instant START = Instant.parse("2026-01-13T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anOfflinePilesLastReportIsNotRecordedAsEvLoad() throws Exception {
        try (RecordedCycles cycles = new RecordedCycles(dir, START, ZoneOffset.UTC)) {
            Instant start = START;
            Instant lastHeard = start;
            for (int s = 0; s < 300; s++) {
                Instant now = start.plusSeconds(s);
                // Heard every second in the first minute, drawing 7 kW; silent after, offline from 70 s on.
                if (s < 60) {
                    lastHeard = now;
                }
                PileObservation pile = observation(0, true, 7, 0.1, lastHeard).age(Duration.between(lastHeard, now)).build();
                cycles.cycle(now, new TransformerReading(37, now, Duration.ZERO), List.of(pile));
            }
            Instant offline = start.plus(Duration.ofMinutes(3));
            Instant to = offline.plus(Duration.ofMinutes(1));
            assertThat(cycles.readings("compound", "ev.kw", offline, to)).extracting(MinuteReading::mean)
                    .containsExactly(0.0);
            assertThat(cycles.readings("compound", "base.kw", offline, to)).extracting(MinuteReading::mean)
                    .containsExactly(37.0);
        }
    }
}
