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
 * A bridge restarted while the gateway runs, its car still plugged in: it says a plug-in at its start, later than the
 * session was last seen. When it says that car is the one it found plugged in at its start ({@code pluggedAtStart}) and
 * it started within {@link SessionTracker#BRIDGE_RESTARTED_WITHIN} of that sighting, the session goes on; otherwise its
 * plug-in is another car's, as before.
 */
class SessionTrackerBridgeRestartTest {
    private static final Instant ARRIVAL = Instant.parse("2026-01-13T18:00:00Z");
    /** The session's last sighting before its bridge stopped, 1.2 kWh counted. */
    private static final Instant LAST_SEEN = ARRIVAL.plus(Duration.ofMinutes(10));
    private static final double COUNTED = 1.2;

    private final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();
    private final SessionTracker tracker = new SessionTracker(compound, SessionNumbers.inMemory(),
            Ticker.SYSTEM, TimeScale.REAL, CountSteps.NONE);

    @Test
    void aBridgeRestartedWithTheCarWithinTheBoundKeepsTheSessionOn() {
        String id = openSession();

        Instant started = LAST_SEEN.plusSeconds(30);
        List<PluggedSession> after = tracker.update(List.of(restarted(started, started.plusSeconds(5), 0.005, true)));

        assertThat(after).as("the session after its bridge was down 30 s").singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.arrival()).isEqualTo(ARRIVAL);
            assertThat(s.deliveredKWh()).as("what it took before the restart, kept").isGreaterThanOrEqualTo(COUNTED);
        });
    }

    @Test
    void aBridgeThatDoesNotSayItFoundTheCarAtItsStartHasAnotherCar() {
        String id = openSession();

        Instant started = LAST_SEEN.plusSeconds(30);
        List<PluggedSession> after = tracker.update(List.of(restarted(started, started.plusSeconds(5), 0.005, false)));

        assertThat(after).singleElement().satisfies(s -> assertThat(s.id()).isNotEqualTo(id));
    }

    @Test
    void aBridgeStartedLaterThanTheBoundAfterTheLastSightingHasAnotherCar() {
        String id = openSession();

        Instant started = LAST_SEEN.plus(SessionTracker.BRIDGE_RESTARTED_WITHIN).plusSeconds(1);
        List<PluggedSession> after = tracker.update(List.of(restarted(started, started.plusSeconds(5), 0.005, true)));

        assertThat(after).as("a bridge down longer than %s", SessionTracker.BRIDGE_RESTARTED_WITHIN).singleElement()
                .satisfies(s -> assertThat(s.id()).isNotEqualTo(id));
    }

    /** A session plugged in at {@link #ARRIVAL}, last seen at {@link #LAST_SEEN} with {@link #COUNTED}; its id. */
    private String openSession() {
        tracker.update(List.of(observation(0, true, 7, 0, ARRIVAL).pluggedAt(Optional.of(ARRIVAL)).build()));
        return tracker.update(List.of(observation(0, true, 7, COUNTED, LAST_SEEN).pluggedAt(Optional.of(ARRIVAL)).build()))
                .get(0).id();
    }

    /** A status of the bridge started at {@code started}, read at {@code readAt}, counting {@code count} since. */
    private static PileObservation restarted(Instant started, Instant readAt, double count, boolean pluggedAtStart) {
        return observation(0, true, 7, count, readAt).pluggedAt(Optional.of(started)).sessionPluggedAt(Optional.of(started))
                .pluggedAtStart(pluggedAtStart).build();
    }
}
