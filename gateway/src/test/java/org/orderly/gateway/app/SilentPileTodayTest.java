package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.view.Today;
import org.orderly.gateway.web.view.TodayCalculator;

/**
 * Today's energy for a session whose pile went silent (its bridge not heard, its car charging on the pile's fallback
 * current), as the gateway records it: control cycles recorded into a real store, read back by the page's
 * {@link TodayCalculator}. Tuesday from 21:10 (the flat price all through): 7 kW for 10 minutes, then 20 minutes
 * unheard while the car draws 6 A (1.38 kW), then heard again at 7 kW until the car leaves at 21:50.
 */
class SilentPileTodayTest {
    private static final Instant PLUGGED = tuesday("21:10");
    private static final double FALLBACK_KW = 6 * 230 / 1000.0;

    @TempDir
    Path dir;

    /**
     * The pile's session counter, once it is heard again, says what the car took; until 2026-12-03 the silent minutes
     * held the pile's last report, 7 kW, and the page said 4.67 kWh where the counter said 2.78.
     */
    @Test
    void aSessionWithASilenceCountsWhatItsPilesCounterSays() throws Exception {
        Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
        VirtualClock clock = new VirtualClock(PLUGGED, BeijingTariff.ZONE);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), clock)) {
            OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(),
                    LiveSettings.of(1.8), new GreedyPlanner(), Runnable::run);
            ControlCycle cycle = CycleBuilder.cycle(compound, policy, clock, 10).sessionNumbers(store::nextSessionNumber).build();
            CycleRecorder recorder = RecorderBuilder.recorder(compound, store, policy).build();

            double counter = 0;
            double counterLastSeen = 0;
            PileObservation lastHeard = null;
            for (int s = 0; s <= 40 * 60; s += 5) {
                Instant now = PLUGGED.plusSeconds(s);
                clock.set(now);
                boolean plugged = s < 40 * 60;
                boolean heard = s < 10 * 60 || s >= 30 * 60;
                double kw = !plugged ? 0 : heard ? 7 : FALLBACK_KW;
                if (heard) {
                    lastHeard = observation(0, plugged, kw, counter, now).pluggedAt(plugged ? Optional.of(PLUGGED) : Optional.empty())
                            .build();
                    if (plugged) {
                        counterLastSeen = counter;
                    }
                }
                PileObservation pile = heard ? lastHeard
                        : observation(0, true, lastHeard.powerKw(), lastHeard.sessionEnergyKWh(), lastHeard.readAt())
                                .pluggedAt(lastHeard.pluggedAt()).age(Duration.between(lastHeard.readAt(), now)).build();
                TransformerReading reading = new TransformerReading(20, now, Duration.ZERO);
                recorder.record(new CycleSeen(now, reading, List.of(pile), cycle.run(reading, List.of(pile), List.of())));
                // What the car takes until the next cycle, as the pile's meter counts it.
                counter += kw * 5 / 3600;
            }
            clock.set(PLUGGED.plus(Duration.ofMinutes(45)));
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();

            Today today = new TodayCalculator(store, compound, BeijingTariff.tariff(), clock,
                    Duration.ofSeconds(5)).compute();
            assertThat(counterLastSeen).as("the counter as last seen: 10 min at 7 kW, 20 at 1.38, 10 at 7 less 5 s")
                    .isCloseTo(7.0 / 6 + FALLBACK_KW / 3 + 7.0 * 595 / 3600, within(1e-9));
            assertThat(today.evKwh()).as("today's energy against the pile's counter")
                    .isCloseTo(counterLastSeen, within(1e-9));
            assertThat(today.costYuan()).isCloseTo(counterLastSeen * BeijingTariff.FLAT, within(1e-9));
        }
    }
}
