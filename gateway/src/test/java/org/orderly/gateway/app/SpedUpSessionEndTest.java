package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.LastEndedSession;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.SessionTracker;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.SessionRecord;

/**
 * In a world 60 times real time (the demo's), a pile's whole seconds are a minute of the world's: the session tracker
 * and the recorder judge its word on a plug-in by one tolerance, {@link SessionTracker#SAME_PLUG_IN_TOLERANCE} in the
 * world's time (4 minutes), so that a session's row ends as the tracker ends it. A car plugged in at 10:00 is last heard
 * at 10:20; its pile, silent, is heard again at 10:30 unplugged, its {@code lastSession} read a world minute early
 * (unplugged at 10:19, its real seconds rounded down).
 */
class SpedUpSessionEndTest {
    private static final Instant T = Instant.parse("2026-01-13T10:00:00Z");
    private static final Instant LAST_HEARD = T.plus(Duration.ofMinutes(20));

    @TempDir
    Path dir;

    private RecordedCycles cycles;

    @BeforeEach
    void start() {
        cycles = new RecordedCycles(dir, T, ZoneOffset.UTC, TimeScale.startingNow(new VirtualClock(T, ZoneOffset.UTC), 60));
        assertThat(cycles.cycle.sessions().samePlugIn().tolerance()).isEqualTo(Duration.ofMinutes(4));
    }

    @AfterEach
    void stop() {
        cycles.close();
    }

    /**
     * Until 2026-12-04 the recorder judged by 4 s of the world's time: the row said the car left unseen at its last
     * sighting where the tracker, and so the policy's habits, had the pile's word for when.
     */
    @Test
    void theRowEndsAsTheTrackerEndsIt() throws Exception {
        PileObservation heard = null;
        for (Instant now = T; !now.isAfter(T.plus(Duration.ofMinutes(30))); now = now.plusSeconds(5)) {
            if (!now.isAfter(LAST_HEARD)) {
                heard = observation(0, true, 7, 0, now).pluggedAt(Optional.of(T)).sessionPluggedAt(Optional.of(T)).build();
            } else if (now.isBefore(T.plus(Duration.ofMinutes(30)))) {
                // Silent: its last report ages past the offline time.
                heard = observation(0, true, 7, 0, LAST_HEARD).pluggedAt(Optional.of(T)).age(Duration.between(LAST_HEARD, now))
                        .sessionPluggedAt(Optional.of(T)).build();
            } else {
                heard = observation(0, false, 0, 0, now).sessionPluggedAt(Optional.of(T)).energyKnown(false)
                        .lastSession(Optional.of(new LastEndedSession(T, LAST_HEARD.minusSeconds(60), 2.3))).build();
            }
            cycles.cycle(now, new TransformerReading(20, now, Duration.ZERO), List.of(heard));
        }

        List<SessionRecord> rows = cycles.sessions(T.minus(Duration.ofHours(1)), T.plus(Duration.ofHours(1)));
        assertThat(rows).singleElement().satisfies(s -> {
            assertThat(s.departureSeen()).as("departure_seen: the pile said when, within the tolerance").isTrue();
            assertThat(s.departure()).as("no earlier than the last sighting").isEqualTo(LAST_HEARD);
        });
        assertThat(cycles.estimator.habits().pairsFor(0, T).hours()[0]).as("the stay the habits learned, hours")
                .isEqualTo(20 / 60.0);
    }
}
