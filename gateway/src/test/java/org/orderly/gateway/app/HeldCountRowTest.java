package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.CarriedSession;
import org.orderly.gateway.app.live.CountSteps;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.SessionNumbers;
import org.orderly.gateway.app.live.SessionTracker;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreReader;

/**
 * A count below the last that the session tracker judges no count begun again is held: the session says what it had
 * delivered by the count before (docs/architecture.md, "A pile's count that goes back"). Its row stores the count the
 * delivered energy is counted by, not the pile's lower one, so that a restart counts on from it
 * ({@code SessionTracker.carry}: the count at start is the stored count less the delivered energy) and an ending count
 * adds only what it says beyond it ({@code EndedSessionEnergy}). Until 2026-12-07 (mend61b) the row stored the pile's
 * lower count beside the held energy: the restart and the ending count counted the gap twice (read61d's probe).
 */
class HeldCountRowTest {
    private static final Instant START = Instant.parse("2026-12-07T01:00:00Z");
    /** A 7 kW car's count over one 5 s cycle. */
    private static final double PER_CYCLE = 7.0 * 5 / 3600;

    @TempDir
    Path dir;

    /**
     * A Modbus pile's count, 10 kWh, read torn as 2 kWh before a stop; after the restart the pile counts 10.05: the car
     * took 10.05. Until 2026-12-07 the row said {@code deliveredKWh=10.0, pileEnergyKWh=2.0}, and the restart counted on
     * from -8 kWh: 18.05.
     */
    @Test
    void aHeldCountsRowIsCountedOnAfterARestart() throws Exception {
        CarriedSession row;
        try (RecordedCycles c = RecordedCycles.tickingWithTheClock(dir, START, ZoneOffset.UTC)) {
            long[] at = {0, 4000, 4005};
            double[] count = {0, 10, 2.0};
            for (int k = 0; k < at.length; k++) {
                Instant now = START.plusSeconds(at[k]);
                c.cycle(now, reading(now), List.of(observation(0, true, 7, count[k], now).build()));
            }
            c.recorder.stopped(Map.of());
            c.flush();
            try (StoreReader r = c.store.reader()) {
                row = CarriedSessions.read(r, c.compound).carried().get(0);
            }
            SessionTracker again = new SessionTracker(c.compound, SessionNumbers.inMemory(), Ticker.SYSTEM,
                    TimeScale.REAL, CountSteps.NONE);
            again.carry(List.of(row));
            Instant back = START.plusSeconds(4100);
            List<PluggedSession> plugged = again.update(List.of(observation(0, true, 7, 10.05, back).build()));

            assertThat(plugged).singleElement().satisfies(s -> {
                assertThat(s.id()).as("the same car's session").isEqualTo(row.id());
                assertThat(s.deliveredKWh()).as("the car took 10.05 kWh").isCloseTo(10.05, within(1e-9));
            });
            assertThat(row.deliveredKWh()).as("delivered_kwh, the count before the torn read").isCloseTo(10, within(1e-9));
            assertThat(row.pileEnergyKWh()).as("pile_energy_kwh: the count it is counted by").isCloseTo(10, within(1e-9));
        }
    }

    /**
     * A bridge's status that came late, one cycle's count below the last (its start unchanged), then the pile silent
     * while the car goes on and leaves; heard again unplugged, its count still the session's (its plug-in, as it says):
     * the session has what the pile counted. Until 2026-12-07 the count last seen was the late one, and the gap between
     * it and the count the session was held at was counted twice.
     */
    @Test
    void aLateLowerStatusBeforeASilenceIsNotCountedTwiceAtTheEnd() throws Exception {
        try (RecordedCycles c = RecordedCycles.tickingWithTheClock(dir, START, ZoneOffset.UTC)) {
            double counted = 0;
            PileObservation lastHeard = null;
            for (int s = 0; s <= 900; s += 5) {
                Instant now = START.plusSeconds(s);
                boolean heard = s <= 600 || s == 900;
                if (s == 600) {
                    // The status of a cycle before, come late: its count one cycle's below the last.
                    lastHeard = bridge(true, counted - 2 * PER_CYCLE, now);
                } else if (heard) {
                    lastHeard = bridge(s < 900, counted, now);
                }
                PileObservation pile = heard ? lastHeard
                        : observation(0, true, 7, lastHeard.sessionEnergyKWh(), lastHeard.readAt())
                        .pluggedAt(lastHeard.pluggedAt()).sessionPluggedAt(lastHeard.sessionPluggedAt())
                        .age(Duration.between(lastHeard.readAt(), now)).build();
                c.cycle(now, reading(now), List.of(pile));
                if (s < 800) {
                    counted += PER_CYCLE;
                }
            }
            List<SessionRecord> rows = c.sessions(START.minusSeconds(3600), START.plusSeconds(3600));

            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.departureSeen()).as("it left while its pile was silent").isFalse();
                assertThat(r.deliveredKWh()).as("delivered_kwh: the pile's count at the end")
                        .isCloseTo(160 * PER_CYCLE, within(1e-9));
            });
        }
    }

    /** The bridge's report of its car plugged in (or not) at {@link #START}, its count {@code count}. */
    private static PileObservation bridge(boolean plugged, double count, Instant now) {
        return observation(0, plugged, plugged ? 7 : 0, count, now).pluggedAt(plugged ? Optional.of(START) : Optional.empty())
                .sessionPluggedAt(Optional.of(START)).build();
    }

    private static TransformerReading reading(Instant now) {
        return new TransformerReading(20, now, Duration.ZERO);
    }
}
