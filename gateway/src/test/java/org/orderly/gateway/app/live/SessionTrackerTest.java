package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;

class SessionTrackerTest {
    private final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();
    private final SessionTracker tracker = new SessionTracker(compound, SessionNumbers.inMemory(),
            Ticker.SYSTEM, TimeScale.REAL, CountSteps.NONE);
    private final Instant t0 = Instant.parse("2026-01-13T10:00:00Z");

    @Test
    void aSessionRunsFromPlugToUnplugAndCountsEnergyFromItsStart() {
        List<PluggedSession> first = tracker.update(List.of(observation(0, true, 7.0, 120.0, t0).build()));
        List<PluggedSession> later = tracker.update(List.of(observation(0, true, 7.0, 123.5, t0.plusSeconds(1800)).build()));
        List<PluggedSession> gone = tracker.update(List.of(observation(0, false, 0, 123.5, t0.plusSeconds(1900)).build()));

        assertThat(first).singleElement().satisfies(s -> {
            assertThat(s.arrival()).isEqualTo(t0);
            assertThat(s.deliveredKWh()).isZero();
        });
        assertThat(later).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(first.get(0).id());
            assertThat(s.deliveredKWh()).isCloseTo(3.5, within(1e-9));
            assertThat(s.lastDrawKw()).isEqualTo(7.0);
        });
        assertThat(gone).isEmpty();
    }

    @Test
    void aNewPlugInIsANewSession() {
        PluggedSession a = tracker.update(List.of(observation(0, true, 0, 0, t0).build())).get(0);
        tracker.update(List.of(observation(0, false, 0, 0, t0.plusSeconds(60)).build()));
        PluggedSession b = tracker.update(List.of(observation(0, true, 0, 0, t0.plusSeconds(120)).build())).get(0);

        assertThat(b.id()).isNotEqualTo(a.id());
    }

    @Test
    void aPlugOutAndInWithinOneSecondIsANewSessionWithAnIdOfItsOwn() {
        PluggedSession a = tracker.update(List.of(observation(0, true, 0, 0, t0.plusMillis(100)).build())).get(0);
        tracker.update(List.of(observation(0, false, 0, 0, t0.plusMillis(400)).build()));
        PluggedSession b = tracker.update(List.of(observation(0, true, 0, 0, t0.plusMillis(700)).build())).get(0);

        assertThat(b.id()).isNotEqualTo(a.id());
    }

    @Test
    void aPlugInAtAWallClockTimeSeenBeforeIsANewSessionWithAnIdOfItsOwn() {
        PluggedSession a = tracker.update(List.of(observation(0, true, 0, 0, t0).build())).get(0);
        tracker.update(List.of(observation(0, false, 0, 0, t0.plusSeconds(600)).build()));
        // NTP stepped the clock back an hour meanwhile: t0 comes round again.
        PluggedSession b = tracker.update(List.of(observation(0, true, 0, 0, t0).build())).get(0);

        assertThat(b.id()).isNotEqualTo(a.id());
    }

    @Test
    void aDeclarationIsAttachedToTheOpenSessionOnly() {
        assertThat(tracker.declare(0, new Declaration(t0, 10))).isFalse();
        tracker.update(List.of(observation(0, true, 0, 0, t0).build()));

        assertThat(tracker.declare(0, new Declaration(t0.plusSeconds(3600), 10))).isTrue();
        assertThat(tracker.update(List.of(observation(0, true, 0, 0, t0.plusSeconds(1)).build())).get(0).declared()
                .energyKWh()).isEqualTo(10);
    }
}
