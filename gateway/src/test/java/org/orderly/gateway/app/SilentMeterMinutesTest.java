package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.SessionNumbers;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.store.MinuteReading;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;

/**
 * A transformer meter that stops answering leaves its last reading in place, and each cycle sees it again. The minutes
 * it was silent have no transformer value in the store (what the upstream history answer and the page's chart read),
 * as telemetry says null for them; they are not filled with its last value.
 */
class SilentMeterMinutesTest {
    @TempDir
    Path dir;

    @Test
    void minutesInWhichTheMeterGaveNoNewReadingHaveNoTransformerValue() throws Exception {
        Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
        Clock clock = Clock.systemUTC();
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), clock, OrderlySettings.live(1.8));
        ControlCycle cycle = new ControlCycle(compound, policy, clock, Duration.ofSeconds(3), 10,
                SessionNumbers.inMemory());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        Path file = dir.resolve("orderly.db");
        try (Store store = Store.open(StoreSettings.of(file, 30), clock)) {
            CycleRecorder recorder = new CycleRecorder(compound, store, "test", policy);
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
                List<PileObservation> piles = List.of(new PileObservation(0, false, 0, 0, now));
                CycleResult result = cycle.run(reading, piles, List.of());
                recorder.record(now, reading, piles, result);
            }
        }
        try (Store store = Store.open(StoreSettings.of(file, 30), clock);
             StoreReader reader = store.reader()) {
            List<MinuteReading> minutes = reader.readings("transformer", "power.total.kw", start,
                    start.plus(Duration.ofMinutes(4)));
            assertThat(minutes).extracting(MinuteReading::minute)
                    .containsExactly(start, start.plus(Duration.ofMinutes(3)));
            assertThat(minutes).extracting(MinuteReading::mean).containsExactly(20.0, 30.0);
        }
    }
}
