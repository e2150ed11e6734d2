package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
import org.orderly.gateway.app.live.CarriedSession;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.LastEndedSession;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.time.ClockStep;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.upstream.message.Messages;

/**
 * What the recorder keeps in an open session's row (a real SQLite file), so that a gateway that stops can tell the same
 * car when it comes back: when it was last seen and the pile's counter then, rewritten every minute, at once when the
 * declaration changes, and at stop; and how a carried session whose car left while the gateway was down is closed.
 */
class OpenSessionRowsTest {
    private static final Instant T = Instant.parse("2026-01-13T10:00:00Z");

    @TempDir
    Path dir;

    private RecordedCycles cycles;
    private Store store;
    private ControlCycle cycle;
    private CycleRecorder recorder;

    @BeforeEach
    void start() {
        cycles = new RecordedCycles(dir, T, ZoneOffset.UTC);
        store = cycles.store;
        cycle = cycles.cycle;
        recorder = cycles.recorder;
    }

    @AfterEach
    void stop() {
        cycles.close();
    }

    @Test
    void anOpenRowHoldsTheLastSightingOfAMinuteAgoAtMost() throws Exception {
        cycleAt(T, true, 100.0);
        assertThat(only()).satisfies(s -> {
            assertThat(s.lastSeen()).isEqualTo(T);
            assertThat(s.pileEnergyKWh()).isEqualTo(100.0);
            assertThat(s.departure()).isNull();
        });

        cycleAt(T.plusSeconds(30), true, 100.5);
        assertThat(only().lastSeen()).as("not rewritten within the minute").isEqualTo(T);

        cycleAt(T.plusSeconds(60), true, 101.0);
        assertThat(only()).satisfies(s -> {
            assertThat(s.lastSeen()).isEqualTo(T.plusSeconds(60));
            assertThat(s.pileEnergyKWh()).isEqualTo(101.0);
            assertThat(s.deliveredKWh()).isEqualTo(1.0);
        });
    }

    @Test
    void aDeclarationIsWrittenAtOnceAndTheLastCycleAtStop() throws Exception {
        cycleAt(T, true, 100.0);
        Declaration declared = new Declaration(T.plus(Duration.ofHours(10)), 25);
        assertThat(cycle.sessions().declare(0, declared)).isTrue();
        cycleAt(T.plusSeconds(5), true, 100.2);
        assertThat(only()).satisfies(s -> {
            assertThat(s.declaredDeparture()).isEqualTo(declared.departure());
            assertThat(s.declaredKWh()).isEqualTo(25);
        });

        cycleAt(T.plusSeconds(10), true, 100.4);
        cycles.clock.set(T.plusSeconds(12));
        recorder.stopped(cycle.sessions().declarations());

        assertThat(only()).satisfies(s -> {
            assertThat(s.lastSeen()).as("seen plugged in by the last cycle").isEqualTo(T.plusSeconds(10));
            assertThat(s.pileEnergyKWh()).isEqualTo(100.4);
            assertThat(s.departure()).isNull();
        });
    }

    @Test
    void aCarriedSessionWhoseCarLeftIsClosedAtItsLastSighting() throws Exception {
        // A session as a gateway that stopped at T left it in the store.
        SessionRecord open = new SessionRecord("P1@" + T.minusSeconds(3600).getEpochSecond() + "-1", "P1",
                T.minusSeconds(3600), null, null, 12, 4.5, false, true, T, 104.5);
        store.session(open);
        cycle.sessions().carry(List.of(new CarriedSession(open.id(), 0, open.arrival(), new Declaration(null, 12), 4.5,
                104.5, T)));

        cycleAt(T.plusSeconds(600), false, 0);

        assertThat(only()).satisfies(s -> {
            assertThat(s.id()).isEqualTo(open.id());
            assertThat(s.departureSeen()).isFalse();
            assertThat(s.departure()).as("the last sighting, a lower bound").isEqualTo(T);
            assertThat(s.deliveredKWh()).isEqualTo(4.5);
            assertThat(s.declaredKWh()).isEqualTo(12);
        });
    }

    /**
     * The same car's session when its pile, unplugged, still counts it (a firmware-bridge's {@code sessionEnergyKwh}
     * since the plug-in {@code sessionPluggedSeconds} says, an hour before the last sighting): what the car took while
     * the gateway was down counts. Until 2026-12-03 it was closed with the 4.5 kWh counted at its last sighting.
     */
    @Test
    void aCarriedSessionWhoseCarLeftHasWhatItsPileCountedForIt() throws Exception {
        SessionRecord open = new SessionRecord("P1@" + T.minusSeconds(3600).getEpochSecond() + "-1", "P1",
                T.minusSeconds(3600), null, null, 12, 4.5, false, true, T, 4.5);
        store.session(open);
        cycle.sessions().carry(List.of(new CarriedSession(open.id(), 0, open.arrival(), new Declaration(null, 12), 4.5,
                4.5, T)));

        Instant back = T.plusSeconds(600);
        cycleWith(back, observation(0, false, 0, 5.7, back).sessionPluggedAt(Optional.of(T.minusSeconds(3600))).build());

        assertThat(only()).satisfies(s -> {
            assertThat(s.departureSeen()).isFalse();
            assertThat(s.departure()).as("the last sighting, a lower bound").isEqualTo(T);
            assertThat(s.deliveredKWh()).as("the pile's count").isCloseTo(5.7, within(1e-9));
        });
    }

    /**
     * The pile, heard again unplugged after the restart, says when its last session was unplugged (a firmware-bridge's
     * {@code lastSession}), a session plugged in before the last sighting: the carried session ends then, its departure
     * seen, in its row, its upstream message and the habits. Until 2026-12-04 it ended at its last sighting, departure
     * not seen, and taught nothing.
     */
    @Test
    void aCarriedSessionWhoseCarLeftEndsWhenItsPileSays() throws Exception {
        Instant arrival = T.minusSeconds(3600);
        Instant left = T.plusSeconds(240);
        SessionRecord row = carriedFrom(arrival);

        Instant back = T.plusSeconds(600);
        cycleWith(back, observation(0, false, 0, 5.7, back).sessionPluggedAt(Optional.of(arrival))
                .lastSession(Optional.of(new LastEndedSession(arrival, left, 5.7))).build());

        assertThat(only()).satisfies(s -> {
            assertThat(s.id()).isEqualTo(row.id());
            assertThat(s.departure()).as("when the pile says it was unplugged").isEqualTo(left);
            assertThat(s.departureSeen()).as("departure_seen: the pile said when").isTrue();
            assertThat(s.deliveredKWh()).as("the pile's count").isCloseTo(5.7, within(1e-9));
            assertThat(Messages.session(s).departure()).as("the upstream session message").isEqualTo(left);
            assertThat(Messages.session(s).departureSeen()).isTrue();
        });
        assertThat(cycles.estimator.habits().sessionsKnown(0)).as("stays learned on the pile").isEqualTo(1);
        assertThat(cycles.estimator.habits().pairsFor(0, arrival).hours()[0]).as("the stay learned, hours")
                .isCloseTo(3840 / 3600.0, within(1e-9));
    }

    /**
     * A last session that ended before the carried one was last seen is another, earlier one (the bridge keeps the last
     * that ended, and this car's did not): when the car left is not known.
     */
    @Test
    void aLastSessionEndedBeforeTheLastSightingIsAnothers() throws Exception {
        Instant arrival = T.minusSeconds(3600);
        carriedFrom(arrival);

        Instant back = T.plusSeconds(600);
        cycleWith(back, observation(0, false, 0, 0, back).lastSession(Optional.of(new LastEndedSession(T.minusSeconds(7200), arrival, 3)))
                .build());

        assertThat(only()).satisfies(s -> {
            assertThat(s.departureSeen()).isFalse();
            assertThat(s.departure()).as("the last sighting, a lower bound").isEqualTo(T);
        });
        assertThat(cycles.estimator.habits().sessionsKnown(0)).isZero();
    }

    /** A session a gateway that stopped at {@link #T} left open in the store, last seen then at 4.5 kWh, carried. */
    private SessionRecord carriedFrom(Instant arrival) {
        SessionRecord open = new SessionRecord("P1@" + arrival.getEpochSecond() + "-1", "P1", arrival, null, null, 12,
                4.5, false, true, T, 4.5);
        store.session(open);
        cycle.sessions().carry(List.of(new CarriedSession(open.id(), 0, open.arrival(), new Declaration(null, 12), 4.5,
                4.5, T)));
        return open;
    }

    /**
     * Its pile unheard for hours (a bridge's network down) while its car left: the pile back says unplugged, but when
     * the car left is not known. Until 2026-12-03 the session was closed as seen departing when the pile came back.
     */
    @Test
    void aSessionWhosePileWasOfflineWhenItsCarLeftIsClosedAtItsLastSighting() throws Exception {
        cycleAt(T, true, 100.0);
        Instant silent = T.plusSeconds(600);
        cycleWith(silent, plugged(T, Duration.between(T, silent)));

        cycleAt(T.plus(Duration.ofHours(1)), false, 0);

        closedAtItsLastSighting(T);
    }

    /**
     * A pile's report may be up to its offline time old when a cycle reads it (a bridge silent for 60 s): the row says
     * when the pile last said the car was there, and a car whose pile then went offline was last seen then. Until
     * 2026-12-03 it said when a cycle read that report, up to 70 s later, in which a car may have been swapped unseen.
     */
    @Test
    void theLastSightingIsWhenThePileLastReportedNotWhenACycleReadIt() throws Exception {
        cycleAt(T, true, 100.0);
        Instant minuteOn = T.plusSeconds(60);
        cycleWith(minuteOn, plugged(T, Duration.ofSeconds(60)));
        assertThat(only().lastSeen()).as("rewritten a minute on, from a report of a minute before").isEqualTo(T);

        Instant silent = T.plusSeconds(600);
        cycleWith(silent, plugged(T, Duration.ofSeconds(600)));
        cycleAt(T.plus(Duration.ofHours(1)), false, 0);

        closedAtItsLastSighting(T);
    }

    /**
     * The clock is set while a pile's latest report was read before: that report, which the cycles after the set still
     * hold, has the unset clock's time, and the session was last seen at it moved by the step, as its arrival is.
     */
    @Test
    void aReportReadBeforeTheClockWasSetIsSeenAtItsTimeMovedByTheStep() throws Exception {
        Instant unset = Instant.parse("1970-01-01T00:10:00Z");
        cycleAt(unset, true, 100.0);
        setTheClock(unset);
        // The rows of before the set moved: what comes after is not the store's to move.
        cycles.flush();
        Instant readBeforeTheSet = unset.plusSeconds(3);
        cycleWith(T, plugged(readBeforeTheSet, Duration.ofSeconds(2)));
        recorder.stopped(cycle.sessions().declarations());

        assertThat(only()).satisfies(s -> {
            assertThat(s.arrival()).isEqualTo(T.minusSeconds(5));
            assertThat(s.lastSeen()).as("last seen, read 2 s before the cycle").isEqualTo(T.minusSeconds(2));
        });
    }

    /**
     * The clock is set while the pile's latest report, read before, is the first to say a car is plugged in (its
     * session opens at the first cycle after the set): the row arrives at the report's time moved by the step, as a
     * session open at the set does. Until 2026-12-03 it kept the unset clock's 1970 arrival.
     */
    @Test
    void aSessionFirstSeenInAReportReadBeforeTheClockWasSetArrivesAtItsTimeMovedByTheStep() throws Exception {
        Instant unset = Instant.parse("1970-01-01T00:10:00Z");
        cycleAt(unset, false, 0);
        setTheClock(unset);
        cycles.flush();
        // Read 2 s before the set; the bridge says its car was plugged in a minute before that.
        Instant readBeforeTheSet = unset.plusSeconds(3);
        cycleWith(T, observation(0, true, 0, 0.5, readBeforeTheSet).pluggedAt(Optional.of(readBeforeTheSet.minusSeconds(60)))
                .age(Duration.ofSeconds(2)).build());
        recorder.stopped(cycle.sessions().declarations());

        assertThat(everySession()).singleElement().satisfies(s -> {
            assertThat(s.arrival()).as("plugged in a minute before the report of 2 s before the set")
                    .isEqualTo(T.minusSeconds(62));
            assertThat(s.lastSeen()).isEqualTo(T.minusSeconds(2));
        });
    }

    /**
     * NTP steps the wall clock back an hour while a car is plugged in; it leaves and another car comes: the second
     * stay does not begin before the first ended (held at its last sighting). Until 2026-12-03 the second arrived at
     * the stepped clock's time, an hour before the first's departure: two stays on one pile at once.
     */
    @Test
    void aCarComingAfterTheClockSteppedBackArrivesNoEarlierThanThePreviousOneDeparted() throws Exception {
        cycleAt(T, true, 100.0);
        cycleAt(T.plusSeconds(60), true, 101.0);
        Instant stepped = T.plusSeconds(61).minus(Duration.ofHours(1));
        cycleAt(stepped, false, 0);
        cycleAt(stepped.plusSeconds(60), true, 0);
        recorder.stopped(cycle.sessions().declarations());

        List<SessionRecord> both = everySession();
        assertThat(both).hasSize(2);
        SessionRecord first = both.stream().filter(s -> s.departure() != null).findFirst().orElseThrow();
        SessionRecord second = both.stream().filter(s -> s.departure() == null).findFirst().orElseThrow();
        assertThat(second.arrival()).as("the second stay's arrival, the first's [%s, %s]", first.arrival(),
                first.departure()).isAfterOrEqualTo(first.departure());
    }

    /**
     * A cycle reads the pile's report that its car has gone 50 s after the pile said so (the control thread held up),
     * and another car, plugged in meanwhile, says when: the first stay ends when its pile said the car had gone, and
     * the second does not begin before. Until 2026-12-03 the first ended when the cycle read that report, after the
     * second had begun.
     */
    @Test
    void aCarLeavingEndsWhenItsPileSaidItHadGoneNotWhenACycleReadIt() throws Exception {
        cycleAt(T, true, 100.0);
        cycleWith(T.plusSeconds(60), observation(0, false, 0, 0, T.plusSeconds(10)).age(Duration.ofSeconds(50)).build());
        cycleWith(T.plusSeconds(61), observation(0, true, 0, 0, T.plusSeconds(61)).pluggedAt(Optional.of(T.plusSeconds(30))).build());
        recorder.stopped(cycle.sessions().declarations());

        List<SessionRecord> both = everySession();
        assertThat(both).hasSize(2);
        SessionRecord first = both.stream().filter(s -> s.departure() != null).findFirst().orElseThrow();
        SessionRecord second = both.stream().filter(s -> s.departure() == null).findFirst().orElseThrow();
        assertThat(first.departure()).as("reported gone at").isEqualTo(T.plusSeconds(10));
        assertThat(second.arrival()).as("plugged in at").isEqualTo(T.plusSeconds(30));
    }

    /**
     * NTP steps the wall clock back an hour while a car is plugged in, and the car leaves: its row does not end before
     * it began. Until 2026-12-03 it was stored leaving an hour before it arrived.
     */
    @Test
    void aCarLeavingAfterTheClockSteppedBackDepartsNoEarlierThanItArrived() throws Exception {
        cycleAt(T, true, 100.0);

        cycleAt(T.minus(Duration.ofHours(1)), false, 0);

        assertThat(only()).satisfies(s -> {
            assertThat(s.departureSeen()).isTrue();
            assertThat(s.departure()).as("departure of a stay that arrived at %s", s.arrival())
                    .isAfterOrEqualTo(s.arrival());
        });
    }

    /** NTP sets the clock 5 s after {@code unset}, to {@link #T}: what the clock said until then is moved by the step. */
    private void setTheClock(Instant unset) {
        ClockStep step = new ClockStep(unset, unset.plusSeconds(5), Duration.between(unset.plusSeconds(5), T));
        cycle.sessions().restamp(step);
        recorder.clockSet(step);
    }

    private void cycleWith(Instant at, PileObservation pile) {
        cycles.cycle(at, new TransformerReading(20, at, Duration.ZERO), List.of(pile));
    }

    private void cycleAt(Instant at, boolean plugged, double counterKWh) {
        cycleWith(at, observation(0, plugged, 0, counterKWh, at).build());
    }

    /** Every session stored, from 1970 on. */
    private List<SessionRecord> everySession() throws InterruptedException {
        return cycles.sessions(Instant.EPOCH, T.plus(Duration.ofHours(2)));
    }

    private SessionRecord only() throws InterruptedException {
        List<SessionRecord> all = cycles.sessions(T.minus(Duration.ofHours(2)), T.plus(Duration.ofHours(2)));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** P1's report read at {@code readAt}, {@code age} old when a cycle takes it: its car plugged in, 100 kWh counted. */
    private static PileObservation plugged(Instant readAt, Duration age) {
        return observation(0, true, 0, 100.0, readAt).age(age).build();
    }

    /** The one row: its session closed, its car's departure not seen, at its last sighting {@code lastSeen}. */
    private void closedAtItsLastSighting(Instant lastSeen) throws Exception {
        assertThat(only()).satisfies(s -> {
            assertThat(s.departureSeen()).as("departure seen").isFalse();
            assertThat(s.departure()).as("the last sighting, a lower bound").isEqualTo(lastSeen);
            assertThat(s.lastSeen()).isEqualTo(lastSeen);
        });
    }
}
