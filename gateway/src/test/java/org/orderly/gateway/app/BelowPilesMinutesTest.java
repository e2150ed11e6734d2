package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
 * A transformer meter whose total reads a thousandth of the load (a scale gone wrong), less than the pile alone draws:
 * no measurement of the transformer's load, to be charted and summed, in the cycle that goes on from the last plausible
 * reading nor after. Until 2026-12-06 the first such reading was stored, and the second minute's mean was a mix.
 */
class BelowPilesMinutesTest {
    private static final Instant START = Instant.parse("2026-12-06T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aTotalBelowThePileIsNotStored() throws Exception {
        try (RecordedCycles cycles = new RecordedCycles(dir, START, ZoneOffset.UTC)) {
            for (int s = 0; s < 120; s += 5) {
                Instant now = START.plusSeconds(s);
                double totalKw = 20 + 7.04;
                TransformerReading reading = new TransformerReading(s < 60 ? totalKw : totalKw / 1000, now, Duration.ZERO);
                // Its car drawing 7.04 kW, reported a second before the reading.
                cycles.cycle(now, reading, List.of(observation(0, true, 7.04, 0, now).age(Duration.ofSeconds(1)).build()));
            }
            List<MinuteReading> minutes = cycles.readings("transformer", "power.total.kw", START,
                    START.plus(Duration.ofMinutes(2)));
            assertThat(minutes).extracting(MinuteReading::minute).containsExactly(START);
            assertThat(minutes.get(0).mean()).isCloseTo(27.04, within(1e-9));
        }
    }
}
