package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.pile.ModbusCountsPassedOn;
import org.orderly.gateway.field.pile.PileRating;

/**
 * What a Modbus pile's count begun again can say is bounded by the pile's rating, as its driver bounds its count
 * (docs/architecture.md, "A pile's count that goes back": 32 A on one phase at 300 V, 9.6 kW). Until 2026-12-07
 * (sess61) the tracker's bound was the pile's most current at the compound's 220 V (7.04 kW): a car drawing 8 kW
 * (32 A at 250 V) whose register reset while its pile went unheard had its new count taken for one gone back too far,
 * no count begun again, and the 2 kWh counted before the reset were lost.
 */
class SessionTrackerPileRatingTest {
    private static final Instant PLUGGED = Instant.parse("2026-12-07T01:00:00Z");

    private final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();
    private long tickerSeconds;
    private final SessionTracker tracker = new SessionTracker(compound, SessionNumbers.inMemory(),
            () -> new Tick(Duration.ofSeconds(tickerSeconds).toNanos()), TimeScale.REAL,
            new CountSteps(Map.of("P1", 0.1)));
    private final ModbusCountsPassedOn driver = new ModbusCountsPassedOn("P1", PileRating.of(compound.pile(0)), 0.1);

    private PluggedSession read(double count, long seconds) {
        tickerSeconds = seconds;
        assertThat(driver.read(count, new Tick(Duration.ofSeconds(seconds).toNanos())))
                .as("%s kWh at %s s, as the driver's bound takes it", count, seconds).isEqualTo(count);
        List<PluggedSession> now = tracker.update(List.of(observation(0, true, 8, count, PLUGGED.plusSeconds(seconds))
                .build()));
        assertThat(now).hasSize(1);
        return now.get(0);
    }

    @Test
    void aCountBegunAgainWhileThePileWasNotHeardIsBoundedByItsRating() {
        double kw = 32 * 250 / 1000.0;
        read(0, 0);
        read(2.0, 900);
        // The register reset as soon as 2.0 was read; the pile unheard until 1500 s, its car at 8 kW meanwhile.
        for (long t = 1500; t <= 3000; t += 5) {
            double register = Math.floor(kw * (t - 900) / 360.0 + 1e-9) / 10;
            assertThat(read(register, t).deliveredKWh()).as("2 kWh before the reset plus %s since, at %s s", register, t)
                    .isCloseTo(2 + register, within(1e-9));
        }
    }
}
