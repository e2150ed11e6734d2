package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.CarriedSession;
import org.orderly.gateway.app.live.LastEndedSession;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.SessionTracker;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.store.SessionRecord;

/**
 * The rows of a session whose pile says E or F for a while (docs/architecture.md, "A pile in E or F"), in a real store:
 * E or F says nothing of the car, so its row's last sighting and the counter then stay those of the last report in B or
 * C (docs/operations.md, {@code last_seen}), and a spell that lasts {@link SessionTracker#KEPT_THROUGH_FAULT} ends it as
 * a departure not seen, at that sighting, which the habits learn nothing from. Until 2026-12-07 (read59f) each report
 * in E or F was a sighting, and the spell's end a departure seen.
 */
class CycleRecorderFaultTest {
    private static final Instant T0 = Instant.parse("2026-01-13T15:30:00Z");

    @TempDir
    Path dir;

    private RecordedCycles cycles;

    @BeforeEach
    void start() {
        cycles = RecordedCycles.tickingWithTheClock(dir, T0, ZoneId.of("Asia/Shanghai"));
    }

    @AfterEach
    void stop() {
        cycles.close();
    }

    /**
     * One cycle {@code s} seconds after T0 on a bridge's status in {@code state}, counting {@code count} since a
     * plug-in {@code sinceSec} seconds before its reading, which it says in C only.
     */
    private void bridge(long s, String state, double count, long sinceSec) {
        bridge(s, state, count, sinceSec, Optional.empty());
    }

    /** As above, the bridge saying {@code last} of the last session that ended on it. */
    private void bridge(long s, String state, double count, long sinceSec, Optional<LastEndedSession> last) {
        Instant now = T0.plusSeconds(s);
        boolean plugged = state.equals("C");
        Optional<Instant> at = Optional.of(now.minusSeconds(sinceSec));
        cycle(now, new PileObservation(0, plugged, plugged ? 7 : 0, count, now, true, plugged ? at : Optional.empty(),
                Duration.ZERO, true, at, true, last, now, Duration.ZERO, false, state.equals("E")));
    }

    /** The bridge's word on the session plugged in at T0 and ended {@code s} seconds after it, having taken 1.2 kWh. */
    private static Optional<LastEndedSession> endedAt(long s) {
        return Optional.of(new LastEndedSession(T0, T0.plusSeconds(s), 1.2));
    }

    /** Charging from T0 to +595 s, 1.2 kWh in all, on a bridge that says its plug-in. */
    private void chargedUntil595() {
        for (long s = 0; s <= 595; s += 5) {
            bridge(s, "C", 1.2 * s / 595, s);
        }
    }

    /** The row of the session that ended on the pile. */
    private SessionRecord endedRow() throws InterruptedException {
        List<SessionRecord> ended = rows().stream().filter(r -> r.departure() != null).toList();
        assertThat(ended).as("ended rows").hasSize(1);
        return ended.get(0);
    }

    /** One cycle {@code s} seconds after T0 on a Modbus pile's status in {@code state}, its register {@code count}. */
    private void modbus(long s, String state, double count) {
        Instant now = T0.plusSeconds(s);
        boolean plugged = state.equals("C");
        cycle(now, new PileObservation(0, plugged, plugged ? 7 : 0, count, now, true, Optional.empty(), Duration.ZERO,
                true, Optional.empty(), true, Optional.empty(), now, Duration.ZERO, false, state.equals("E")));
    }

    private void cycle(Instant now, PileObservation p) {
        cycles.cycle(now, new TransformerReading(0.2 + p.powerKw(), now, Duration.ZERO), List.of(p));
    }

    private List<SessionRecord> rows() throws InterruptedException {
        return cycles.sessions(T0.minusSeconds(3600), T0.plusSeconds(7200));
    }

    /** C until +595 s, E from +600 to +690, A at +695: the row's last sighting and counter are those of +595. */
    @Test
    void aReportInEIsNoSightingOfTheCar() throws Exception {
        for (long s = 0; s <= 595; s += 5) {
            modbus(s, "C", 5 + 1.2 * s / 595);
        }
        // A register that reads 0 while the pile says E.
        for (long s = 600; s <= 690; s += 5) {
            modbus(s, "E", 0);
        }
        assertThat(rows()).as("open through E").singleElement().satisfies(r -> {
            assertThat(r.departure()).isNull();
            assertThat(r.lastSeen()).isEqualTo(T0.plusSeconds(595));
            assertThat(r.pileEnergyKWh()).isCloseTo(6.2, within(1e-9));
            assertThat(r.deliveredKWh()).isCloseTo(1.2, within(1e-9));
        });
        modbus(695, "A", 0);
        assertThat(rows()).as("ended at the A").singleElement().satisfies(r -> {
            assertThat(r.departure()).isEqualTo(T0.plusSeconds(695));
            assertThat(r.departureSeen()).isTrue();
            assertThat(r.lastSeen()).isEqualTo(T0.plusSeconds(595));
            assertThat(r.pileEnergyKWh()).isCloseTo(6.2, within(1e-9));
            assertThat(r.deliveredKWh()).isCloseTo(1.2, within(1e-9));
        });
    }

    /** A spell of E that lasts the bound: a departure not seen, at the last sighting in C; no stay learned. */
    @Test
    void aSpellThatLastsEndsTheRowAsADepartureNotSeen() throws Exception {
        chargedUntil595();
        long bound = 600 + SessionTracker.KEPT_THROUGH_FAULT.toSeconds();
        for (long s = 600; s <= bound; s += 5) {
            bridge(s, "E", 1.2, s);
        }
        assertThat(rows()).singleElement().satisfies(r -> {
            assertThat(r.departureSeen()).as("departure seen").isFalse();
            assertThat(r.departure()).isEqualTo(T0.plusSeconds(595));
            assertThat(r.lastSeen()).isEqualTo(T0.plusSeconds(595));
            assertThat(r.deliveredKWh()).isCloseTo(1.2, within(1e-9));
        });
        assertThat(cycles.estimator.habits().sessionsKnown(0)).as("stays learned on the pile").isZero();
    }

    /**
     * A short E, the first C after it a status 8 s late (its seconds as of its sending): one car, one row of its
     * 1.21 kWh. Until 2026-12-07 (read59f) two rows, 1.2 and 1.21 kWh.
     */
    @Test
    void aLateStatusAfterAShortEIsOneRow() throws Exception {
        chargedUntil595();
        bridge(600, "E", 1.2, 600);
        bridge(605, "C", 1.2, 597);
        bridge(610, "C", 1.21, 610);
        bridge(620, "A", 1.21, 0);
        assertThat(rows()).singleElement().satisfies(r -> {
            assertThat(r.deliveredKWh()).isCloseTo(1.21, within(1e-9));
            assertThat(r.departure()).isEqualTo(T0.plusSeconds(620));
        });
    }

    /**
     * An older bridge (before 2026-12-07) ends its plug-in at any E: after a short one, its next C says a new plug-in and
     * its lastSession the one ended at the E. The row ends as a departure not seen at its last sighting, no stay learned.
     * Until 2026-12-07 (read59j) a departure seen at the E, learned by the habits.
     */
    @Test
    void anOlderBridgesPlugInEndedAtAShortEIsNoDepartureSeen() throws Exception {
        chargedUntil595();
        bridge(600, "E", 1.2, 600);
        Instant now = T0.plusSeconds(605);
        Optional<LastEndedSession> endedByE = Optional.of(new LastEndedSession(T0, T0.plusSeconds(600), 1.2));
        cycle(now, new PileObservation(0, true, 7, 0, now, true, Optional.of(now), Duration.ZERO, true,
                Optional.of(now), true, endedByE, now, Duration.ZERO, false, false));
        assertThat(rows()).hasSize(2).filteredOn(r -> r.departure() != null).singleElement().satisfies(r -> {
            assertThat(r.departureSeen()).as("departure seen").isFalse();
            assertThat(r.departure()).isEqualTo(T0.plusSeconds(595));
            assertThat(r.deliveredKWh()).isCloseTo(1.2, within(1e-9));
        });
        assertThat(cycles.estimator.habits().sessionsKnown(0)).as("stays learned on the pile").isZero();
    }

    /**
     * A session carried over the gateway's restart whose pile first says E, then, an older bridge, a new plug-in and its
     * lastSession the one ended at the E: no car seen leaving, a departure not seen at the last sighting, nothing learned.
     * Until 2026-12-07 (ends60) the tracker cleared the spell before it read it, and the recorder told the end again from
     * the report: a departure seen at the E, learned by the habits.
     */
    @Test
    void aCarriedSessionsOlderBridgeSayingANewPlugInAfterAShortEIsNoDepartureSeen() throws Exception {
        CarriedSession before = new CarriedSession("P1@" + T0.getEpochSecond() + "-7", 0, T0, Declaration.NONE, 1.2, 1.2,
                T0.plusSeconds(595));
        cycles.cycle.sessions().carry(List.of(before));
        bridge(600, "E", 1.2, 600, endedAt(600));
        bridge(605, "C", 0, 0, endedAt(600));
        assertThat(endedRow()).satisfies(r -> {
            assertThat(r.id()).isEqualTo(before.id());
            assertThat(r.departureSeen()).as("departure seen").isFalse();
            assertThat(r.departure()).isEqualTo(T0.plusSeconds(595));
        });
        assertThat(cycles.estimator.habits().sessionsKnown(0)).as("stays learned on the pile").isZero();
    }

    /**
     * An older bridge's E then A: its lastSession ended at the E, where it ended its plug-in, not where the car left,
     * which was some time in the spell. The A is the first report of the car gone: a departure seen there, as a Modbus
     * pile's. Until 2026-12-07 (ends60) the E's time was taken as the end the pile told.
     */
    @Test
    void anOlderBridgesEThenAIsADepartureSeenAtTheA() throws Exception {
        chargedUntil595();
        bridge(600, "E", 1.2, 600, endedAt(600));
        bridge(605, "E", 1.2, 605, endedAt(600));
        bridge(630, "A", 1.2, 630, endedAt(600));
        endedSeenAndLearnedAt(630);
    }

    /** That the session's row ended {@code s} seconds after T0, a departure seen, and the habits learned its stay. */
    private void endedSeenAndLearnedAt(long s) throws InterruptedException {
        assertThat(endedRow()).satisfies(r -> {
            assertThat(r.departure()).isEqualTo(T0.plusSeconds(s));
            assertThat(r.departureSeen()).as("departure seen").isTrue();
        });
        assertThat(cycles.estimator.habits().sessionsKnown(0)).as("stays learned on the pile").isEqualTo(1);
    }

    /**
     * A bridge that keeps its plug-in through E (2026-12-07 on): its car unplugged after the spell's last E and another
     * plugged in before the next report. Its lastSession says when (+620 s, after the last E at +605): a departure seen
     * then, learned. Until 2026-12-07 (ends60) any end said after a spell was dropped: not seen, at +595.
     */
    @Test
    void aNewerBridgesEndSaidAfterTheSpellIsTheDeparture() throws Exception {
        chargedUntil595();
        bridge(600, "E", 1.2, 600);
        bridge(605, "E", 1.2, 605);
        bridge(625, "C", 0.01, 3, endedAt(620));
        endedSeenAndLearnedAt(620);
    }

    /**
     * A cycle that lacks the pile (not offline) between a short E and an older bridge's new plug-in: the row ends as the
     * tracker ends it, a departure not seen. Until 2026-12-07 (ends60) the recorder kept its own "in a spell" flag, which
     * such a cycle cleared: its row a departure seen at the E where the tracker told the policy none.
     */
    @Test
    void aCycleWithoutThePileBetweenAShortEAndANewPlugInKeepsOneEnd() throws Exception {
        chargedUntil595();
        bridge(600, "E", 1.2, 600, endedAt(600));
        cycles.cycle(T0.plusSeconds(605), new TransformerReading(0.2, T0.plusSeconds(605), Duration.ZERO), List.of());
        bridge(610, "C", 0, 0, endedAt(600));
        assertThat(endedRow()).satisfies(r -> {
            assertThat(r.departureSeen()).as("departure seen").isFalse();
            assertThat(r.departure()).isEqualTo(T0.plusSeconds(595));
        });
        assertThat(cycles.estimator.habits().sessionsKnown(0)).as("stays learned on the pile").isZero();
    }
}
