package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;

/**
 * A session first seen with its car already charging (plugged in while the gateway was down, or before it first heard
 * the pile) counts what the car took before: a pile that says when its car was plugged in counts its session energy
 * from that plug-in, so all of it is the session's. A pile that does not say keeps the count from the first sight.
 */
class SessionTrackerFirstSightTest {
    private static final Instant BACK = Instant.parse("2026-01-13T19:00:00Z");
    private static final Instant PLUGGED = BACK.minus(Duration.ofMinutes(40));

    private final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();
    private final SessionTracker tracker = new SessionTracker(compound, SessionNumbers.inMemory(),
            Ticker.SYSTEM, TimeScale.REAL, CountSteps.NONE);

    private PluggedSession seen(Instant readAt, double counter, Optional<Instant> pluggedAt) {
        return tracker.update(List.of(observation(0, true, 7, counter, readAt).pluggedAt(pluggedAt).build())).get(0);
    }

    @Test
    void aPileThatSaysWhenItsCarWasPluggedInCountsTheSessionFromThatPlugIn() {
        assertThat(seen(BACK, 3.2, Optional.of(PLUGGED)).deliveredKWh()).as("at first sight").isEqualTo(3.2);
        assertThat(seen(BACK.plusSeconds(60), 3.3, Optional.of(PLUGGED)).deliveredKWh()).as("a minute later")
                .isEqualTo(3.3);
    }

    @Test
    void aPileThatDoesNotSayCountsFromTheFirstSight() {
        assertThat(seen(BACK, 3.2, Optional.empty()).deliveredKWh()).isZero();
        assertThat(seen(BACK.plusSeconds(60), 3.3, Optional.empty()).deliveredKWh()).isCloseTo(0.1,
                org.assertj.core.data.Offset.offset(1e-9));
    }
}
