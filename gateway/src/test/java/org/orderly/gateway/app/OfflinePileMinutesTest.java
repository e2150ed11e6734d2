package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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
 * A pile that goes silent while its car draws is offline once its report is older than the offline time; the control
 * cycle then counts what it may draw in the household load. The recorded EV load (the upstream history answer's
 * {@code evKw}) leaves its last report out, as telemetry's {@code evKw} does, so that it is not counted twice.
 */
class OfflinePileMinutesTest {
    @TempDir
    Path dir;

    @Test
    void anOfflinePilesLastReportIsNotRecordedAsEvLoad() throws Exception {
        Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
        Clock clock = Clock.systemUTC();
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), clock, OrderlySettings.live(1.8));
        ControlCycle cycle = new ControlCycle(compound, policy, clock, Duration.ofSeconds(3), 10,
                SessionNumbers.inMemory());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        Path file = dir.resolve("orderly.db");
        try (Store store = Store.open(StoreSettings.of(file, 30), clock)) {
            CycleRecorder recorder = new CycleRecorder(compound, store, "test", policy);
            Instant lastHeard = start;
            for (int s = 0; s < 300; s++) {
                Instant now = start.plusSeconds(s);
                // Heard every second in the first minute, drawing 7 kW; silent after, offline from 70 s on.
                if (s < 60) {
                    lastHeard = now;
                }
                PileObservation pile = new PileObservation(0, true, 7, 0.1, lastHeard, true, Optional.empty(),
                        Duration.between(lastHeard, now));
                TransformerReading reading = new TransformerReading(37, now, Duration.ZERO);
                CycleResult result = cycle.run(reading, List.of(pile), List.of());
                recorder.record(now, reading, List.of(pile), result);
            }
        }
        try (Store store = Store.open(StoreSettings.of(file, 30), clock);
             StoreReader reader = store.reader()) {
            Instant offline = start.plus(Duration.ofMinutes(3));
            Instant to = offline.plus(Duration.ofMinutes(1));
            assertThat(reader.readings("compound", "ev.kw", offline, to)).extracting(MinuteReading::mean)
                    .containsExactly(0.0);
            assertThat(reader.readings("compound", "base.kw", offline, to)).extracting(MinuteReading::mean)
                    .containsExactly(37.0);
        }
    }
}
