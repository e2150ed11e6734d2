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
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;

/**
 * A new session's arrival is when its pile says the car was plugged in, when the pile says so: bounded by the time of
 * the reading, the pile's previous session's end and seven days; otherwise the reading's time, as before.
 */
class SessionTrackerArrivalTest {
    private static final Instant BACK = Instant.parse("2026-01-13T19:00:00Z");
    private static final Instant PLUGGED = BACK.minus(Duration.ofMinutes(40));

    private final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();
    private final SessionTracker tracker = new SessionTracker(compound, SessionNumbers.inMemory(),
            Ticker.SYSTEM, TimeScale.REAL, CountSteps.NONE);

    private PluggedSession first(Instant readAt, Optional<Instant> pluggedAt) {
        return tracker.update(List.of(observation(0, true, 7, 3, readAt).pluggedAt(pluggedAt).build())).get(0);
    }

    @Test
    void aCarPluggedInBeforeThePileWasFirstHeardArrivedWhenThePileSays() {
        PluggedSession s = first(BACK, Optional.of(PLUGGED));

        assertThat(s.arrival()).isEqualTo(PLUGGED);
        assertThat(s.id()).as("named by its arrival").startsWith("P1@" + PLUGGED.getEpochSecond() + "-");
        assertThat(tracker.update(List.of(observation(0, true, 7, 4, BACK.plusSeconds(60)).pluggedAt(Optional.of(PLUGGED.plusSeconds(1)))
                .build())).get(0).arrival()).as("kept, not read again").isEqualTo(PLUGGED);
    }

    @Test
    void aPileThatDoesNotSayIsTakenAtTheReading() {
        assertThat(first(BACK, Optional.empty()).arrival()).isEqualTo(BACK);
    }

    @Test
    void aPlugInAfterTheReadingIsTakenAtTheReading() {
        assertThat(first(BACK, Optional.of(BACK.plusSeconds(30))).arrival()).isEqualTo(BACK);
    }

    @Test
    void noArrivalIsMoreThanSevenDaysBeforeTheReading() {
        assertThat(first(BACK, Optional.of(BACK.minus(Duration.ofDays(30)))).arrival())
                .isEqualTo(BACK.minus(SessionTracker.LONGEST_REPORTED_STAY)).isEqualTo(BACK.minus(Duration.ofDays(7)));
    }

    @Test
    void noArrivalIsBeforeThePilesLastSessionOnRecordEnded() {
        Instant ended = PLUGGED.plus(Duration.ofMinutes(10));
        tracker.endedOnRecord(0, ended.minusSeconds(3600));
        tracker.endedOnRecord(0, ended);
        tracker.endedOnRecord(0, ended.minusSeconds(60)); // an older one read later does not move the bound back

        assertThat(first(BACK, Optional.of(PLUGGED)).arrival()).isEqualTo(ended);
    }

    @Test
    void noArrivalIsBeforeThePilesLastSessionEndedWhileTheGatewayRan() {
        tracker.update(List.of(observation(0, true, 7, 3, BACK.minusSeconds(600)).build()));
        Instant unplugged = BACK.minusSeconds(120);
        tracker.update(List.of(observation(0, false, 0, 3, unplugged).build()));

        assertThat(first(BACK, Optional.of(BACK.minusSeconds(3600))).arrival()).isEqualTo(unplugged);
    }

    @Test
    void noArrivalIsBeforeTheLastSightOfACarriedSessionWhoseCarLeft() {
        Instant lastSeen = BACK.minus(Duration.ofMinutes(20));
        tracker.carry(List.of(new CarriedSession("P1@1-1", 0, lastSeen.minus(Duration.ofHours(2)), Declaration.NONE,
                8, 108, lastSeen)));

        PluggedSession s = tracker.update(List.of(observation(0, true, 7, 0.5, BACK).pluggedAt(Optional.of(PLUGGED)).build())).get(0);

        assertThat(s.id()).isNotEqualTo("P1@1-1");
        assertThat(s.arrival()).isEqualTo(lastSeen);
    }

    @Test
    void aCarriedSessionWhoseCarIsStillThereKeepsItsStoredArrival() {
        Instant stored = BACK.minus(Duration.ofHours(5));
        tracker.carry(List.of(new CarriedSession("P1@1-1", 0, stored, Declaration.NONE, 8, 108,
                BACK.minus(Duration.ofMinutes(3)))));

        PluggedSession s = tracker.update(List.of(observation(0, true, 7, 109, BACK).pluggedAt(Optional.of(BACK.minus(Duration.ofHours(4))))
                .build())).get(0);

        assertThat(s.id()).isEqualTo("P1@1-1");
        assertThat(s.arrival()).isEqualTo(stored);
    }

    /**
     * NTP steps the wall clock back an hour, the car leaves and another is plugged in: the new stay arrives when the
     * last one ended (its last sighting), not before, though that is after the reading. Until 2026-12-03 it arrived an
     * hour before the last one's departure.
     */
    @Test
    void afterAStepBackNoArrivalIsBeforeThePilesPreviousSessionEnded() {
        first(BACK, Optional.of(PLUGGED));
        Instant stepped = BACK.minus(Duration.ofHours(1));
        tracker.update(List.of(observation(0, false, 0, 0, stepped.plusSeconds(1)).build()));

        PluggedSession next = tracker.update(List.of(observation(0, true, 7, 1, stepped.plusSeconds(60))
                .pluggedAt(Optional.of(stepped.plusSeconds(30))).build())).get(0);

        assertThat(next.arrival()).as("the last one, last seen at %s, ended then", BACK).isEqualTo(BACK);
    }
}
